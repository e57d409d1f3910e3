/* desk-end-user.c — placeholder until implemented */
#include "config.h"
#include "desk-end-user.h"
