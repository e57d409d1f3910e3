/* desk-auth-session.c — placeholder until implemented */
#include "config.h"
#include "desk-auth-session.h"
