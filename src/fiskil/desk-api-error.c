/* desk-api-error.c — placeholder until implemented */
#include "config.h"
#include "desk-api-error.h"
