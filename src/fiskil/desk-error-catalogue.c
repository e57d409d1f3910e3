/* desk-error-catalogue.c — placeholder until implemented */
#include "config.h"
#include "desk-error-catalogue.h"
