/* desk-attempt-manager.c — the current attempt, Try again, and word of every attempt's end
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include "desk-attempt-manager.h"

struct _DeskAttemptManager
{
  GObject      parent_instance;

  DeskAttempt *current;
};

G_DEFINE_FINAL_TYPE (DeskAttemptManager, desk_attempt_manager, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CURRENT,
  N_PROPS
};

enum
{
  ATTEMPT_STARTED,
  ATTEMPT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_attempt_finished (DeskAttempt        *attempt,
                     const DeskOutcome  *outcome,
                     DeskAttemptManager *self)
{
  g_signal_emit (self, signals[ATTEMPT_FINISHED], 0, attempt, outcome);
}

static void
desk_attempt_manager_dispose (GObject *object)
{
  DeskAttemptManager *self = DESK_ATTEMPT_MANAGER (object);

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (desk_attempt_manager_parent_class)->dispose (object);
}

static void
desk_attempt_manager_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  DeskAttemptManager *self = DESK_ATTEMPT_MANAGER (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
desk_attempt_manager_class_init (DeskAttemptManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = desk_attempt_manager_dispose;
  object_class->get_property = desk_attempt_manager_get_property;

  properties[PROP_CURRENT] =
    g_param_spec_object ("current", NULL, NULL, DESK_TYPE_ATTEMPT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ATTEMPT_STARTED] =
    g_signal_new ("attempt-started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  DESK_TYPE_ATTEMPT);
  signals[ATTEMPT_FINISHED] =
    g_signal_new ("attempt-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  DESK_TYPE_ATTEMPT,
                  DESK_TYPE_OUTCOME | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
desk_attempt_manager_init (DeskAttemptManager *self)
{
}

DeskAttemptManager *
desk_attempt_manager_new (void)
{
  return g_object_new (DESK_TYPE_ATTEMPT_MANAGER, NULL);
}

gboolean
desk_attempt_manager_is_running (DeskAttemptManager *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_MANAGER (self), FALSE);

  return self->current != NULL
         && desk_attempt_get_state (self->current) != DESK_ATTEMPT_STATE_FINISHED;
}

void
desk_attempt_manager_start_attempt (DeskAttemptManager *self,
                                    DeskAttempt        *attempt)
{
  g_return_if_fail (DESK_IS_ATTEMPT_MANAGER (self));
  g_return_if_fail (DESK_IS_ATTEMPT (attempt));
  g_return_if_fail (desk_attempt_get_state (attempt) == DESK_ATTEMPT_STATE_NEW);
  g_return_if_fail (!desk_attempt_manager_is_running (self));

  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_set_object (&self->current, attempt);

  g_signal_connect_object (self->current, "finished",
                           G_CALLBACK (on_attempt_finished), self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  g_signal_emit (self, signals[ATTEMPT_STARTED], 0, self->current);

  desk_attempt_start (self->current);
}

DeskAttempt *
desk_attempt_manager_start (DeskAttemptManager       *self,
                            DeskEnvironment          *environment,
                            const DeskSessionRequest *request,
                            DeskIntegration           integration)
{
  g_autoptr(DeskAttempt) attempt = NULL;

  g_return_val_if_fail (DESK_IS_ATTEMPT_MANAGER (self), NULL);
  g_return_val_if_fail (DESK_IS_ENVIRONMENT (environment), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (!desk_attempt_manager_is_running (self), NULL);

  attempt = desk_attempt_new (environment, request, integration);
  desk_attempt_manager_start_attempt (self, attempt);

  return self->current;
}

DeskAttempt *
desk_attempt_manager_try_again (DeskAttemptManager *self)
{
  g_autoptr(DeskAttempt) last = NULL;
  g_autoptr(DeskAttempt) next = NULL;

  g_return_val_if_fail (DESK_IS_ATTEMPT_MANAGER (self), NULL);

  if (self->current == NULL || desk_attempt_manager_is_running (self))
    return NULL;

  last = g_object_ref (self->current);
  next = desk_attempt_new (desk_attempt_get_environment (last), desk_attempt_get_request (last),
                           desk_attempt_get_integration (last));
  /* The same end user, no longer "created" by this attempt. */
  desk_attempt_set_end_user (next, desk_attempt_get_end_user (last, NULL), FALSE);
  desk_attempt_manager_start_attempt (self, next);

  return self->current;
}

DeskAttempt *
desk_attempt_manager_get_current (DeskAttemptManager *self)
{
  g_return_val_if_fail (DESK_IS_ATTEMPT_MANAGER (self), NULL);

  return self->current;
}

void
desk_attempt_manager_cancel (DeskAttemptManager *self)
{
  g_return_if_fail (DESK_IS_ATTEMPT_MANAGER (self));

  if (desk_attempt_manager_is_running (self))
    desk_attempt_cancel (self->current);
}

void
desk_attempt_manager_close (DeskAttemptManager *self)
{
  g_return_if_fail (DESK_IS_ATTEMPT_MANAGER (self));

  if (desk_attempt_manager_is_running (self))
    desk_attempt_close (self->current);
}
