/* desk-permissions.c — placeholder until implemented */
#include "config.h"
#include "desk-permissions.h"
