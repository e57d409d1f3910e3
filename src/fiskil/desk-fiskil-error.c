/* desk-fiskil-error.c — placeholder until implemented */
#include "config.h"
#include "desk-fiskil-error.h"
