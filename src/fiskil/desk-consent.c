/* desk-consent.c — placeholder until implemented */
#include "config.h"
#include "desk-consent.h"
