/* desk-fiskil-client.c — placeholder until implemented */
#include "config.h"
#include "desk-fiskil-client.h"
