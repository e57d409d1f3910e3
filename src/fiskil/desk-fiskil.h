/* desk-fiskil.h — the whole Fiskil core in one include
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-api-error.h"
#include "desk-auth-session.h"
#include "desk-callback.h"
#include "desk-consent.h"
#include "desk-display-text.h"
#include "desk-end-user.h"
#include "desk-error-catalogue.h"
#include "desk-fiskil-client.h"
#include "desk-fiskil-error.h"
#include "desk-message.h"
#include "desk-navigation.h"
#include "desk-har.h"
#include "desk-http-exchange.h"
#include "desk-json-readers.h"
#include "desk-outcome.h"
#include "desk-permissions.h"
#include "desk-sandbox-contract.h"
#include "desk-session-request.h"
