/* desk-callback.c — placeholder until implemented */
#include "config.h"
#include "desk-callback.h"
