/* desk-sandbox-autorun.c — the automatic run: what the pages do by themselves to reach an ending
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The run takes the same road a person would: a test user whose sign-in leads to the ending
 * when there is one, a wrong code for an OTP failure, Cancel for a denial, and otherwise the
 * tester's panel on the first page. Each page gets only its own step's actions; the server's
 * answer to the click brings the next page and its actions.
 */
#define G_LOG_DOMAIN "desk-sandbox"

#include "config.h"

#include <json-glib/json-glib.h>

#include "desk-sandbox-autorun.h"

#define WRONG_OTP_CODE "000000"

typedef enum
{
  ROUTE_TEST_USER,   /* sign in as the user whose ending it is */
  ROUTE_OTP_FAILURE, /* sign in as "success", then a wrong code */
  ROUTE_DENY,        /* sign in as "success", then Cancel when asked to confirm */
  ROUTE_PANEL,       /* the tester's panel on the first page */
} Route;

static const DeskSandboxTestUser *
find_user_for (const char *ending)
{
  const DeskSandboxTestUser *users;
  gsize n_users;

  users = desk_sandbox_test_users_get_all (&n_users);
  for (gsize i = 0; i < n_users; i++)
    {
      if (g_str_equal (users[i].ending, ending))
        return &users[i];
    }

  return NULL;
}

static void
add_action (JsonBuilder *builder,
            const char  *action,
            const char  *target,
            const char  *value)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "do");
  json_builder_add_string_value (builder, action);
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target);
  if (value != NULL)
    {
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
}

/* The road to @ending, and the test user who signs in on it. */
static Route
choose_route (const char                 *ending,
              const DeskSandboxTestUser **user)
{
  Route route;

  *user = find_user_for (ending);
  if (*user != NULL)
    return ROUTE_TEST_USER;
  else if (g_str_equal (ending, "CONSENT_OTP_FAILURE"))
    route = ROUTE_OTP_FAILURE;
  else if (g_str_equal (ending, "CONSENT_ENDUSER_DENIED"))
    route = ROUTE_DENY;
  else
    route = ROUTE_PANEL;

  *user = find_user_for (DESK_SANDBOX_OUTCOME_SUCCESS);
  g_assert (*user != NULL);

  return route;
}

char *
desk_sandbox_autorun_plan (const DeskSandboxSession *session)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  const DeskSandboxTestUser *user;
  const char *ending;
  Route route;

  g_return_val_if_fail (session != NULL, NULL);

  ending = session->auto_outcome;
  if (ending == NULL)
    return NULL;

  route = choose_route (ending, &user);

  builder = json_builder_new ();
  json_builder_begin_array (builder);

  if (route == ROUTE_PANEL)
    {
      add_action (builder, "select", "#sandbox-ending", ending);
      add_action (builder, "click", "#sandbox-end-now", NULL);
    }
  else
    {
      switch (session->step)
        {
        case DESK_SANDBOX_STEP_INSTITUTION:
          {
            const char * const *permissions = (const char * const *) session->permissions;
            const DeskSandboxInstitution *institution =
              desk_sandbox_institution_for_permissions (permissions);
            g_autofree char *target =
              g_strdup_printf ("button[name=\"institution_id\"][value=\"%s\"]", institution->id);

            add_action (builder, "click", target, NULL);
          }
          break;

        case DESK_SANDBOX_STEP_LOGIN:
          add_action (builder, "fill", "#username", user->username);
          add_action (builder, "fill", "#password", user->password);
          add_action (builder, "click", "#sign-in", NULL);
          break;

        case DESK_SANDBOX_STEP_OTP:
          add_action (builder, "fill", "#otp",
                      route == ROUTE_OTP_FAILURE ? WRONG_OTP_CODE : DESK_SANDBOX_OTP_CODE);
          add_action (builder, "click", "#verify", NULL);
          break;

        case DESK_SANDBOX_STEP_ACCOUNTS:
          add_action (builder, "check", "input[name=\"account\"]", NULL);
          add_action (builder, "click", "#continue", NULL);
          break;

        case DESK_SANDBOX_STEP_CONFIRM:
          add_action (builder, "click", route == ROUTE_DENY ? "#cancel" : "#share", NULL);
          break;

        case DESK_SANDBOX_STEP_ENDED:
        default:
          g_assert_not_reached ();
        }
    }

  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}
