/* desk-session-request.c — placeholder until implemented */
#include "config.h"
#include "desk-session-request.h"
