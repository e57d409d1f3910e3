/* desk-outcome.c — placeholder until implemented */
#include "config.h"
#include "desk-outcome.h"
