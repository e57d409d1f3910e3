/* desk-environment-list.c — every environment, in order, kept in GSettings (never a secret)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "desk-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "desk-environment-list.h"

struct _DeskEnvironmentList
{
  GObject          parent_instance;

  GSettings       *settings;
  DeskSecretStore *secret_store;
  GPtrArray       *environments;  /* DeskEnvironment: Sandbox, Production, saved, one-offs */
  gboolean         loading;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DeskEnvironmentList, desk_environment_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Ids a saved environment cannot take: the built-ins' and the one-off's (--environment=custom). */
static const char * const reserved_ids[] = {
  DESK_ENVIRONMENT_ID_SANDBOX, DESK_ENVIRONMENT_ID_PRODUCTION, DESK_ENVIRONMENT_ID_CUSTOM,
};

static GType
desk_environment_list_get_item_type (GListModel *model)
{
  return DESK_TYPE_ENVIRONMENT;
}

static guint
desk_environment_list_get_n_items (GListModel *model)
{
  return DESK_ENVIRONMENT_LIST (model)->environments->len;
}

static gpointer
desk_environment_list_get_item (GListModel *model,
                                guint       position)
{
  DeskEnvironmentList *self = DESK_ENVIRONMENT_LIST (model);

  if (position >= self->environments->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->environments, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = desk_environment_list_get_item_type;
  iface->get_n_items = desk_environment_list_get_n_items;
  iface->get_item = desk_environment_list_get_item;
}

/* Writing */

static void
add_string (GVariantDict *dict,
            const char   *key,
            const char   *value)
{
  if (value != NULL)
    g_variant_dict_insert (dict, key, "s", value);
}

/* Only what differs from the built-in values is kept, so later releases can change those. */
static GVariant *
environment_to_variant (DeskEnvironment *environment)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  DeskEnvironmentKind kind = desk_environment_get_kind (environment);
  const char *redirect_uri = desk_environment_get_default_redirect_uri (environment);
  const char *cancel_uri = desk_environment_get_default_cancel_uri (environment);

  g_variant_dict_insert (&dict, "id", "s", desk_environment_get_id (environment));

  if (kind == DESK_ENVIRONMENT_CUSTOM)
    {
      add_string (&dict, "name", desk_environment_get_title (environment));
      add_string (&dict, "api-url", desk_environment_get_api_url (environment));
      add_string (&dict, "auth-origin", desk_environment_get_auth_origin (environment));
      add_string (&dict, "api-version", desk_environment_get_api_version (environment));
    }

  if (kind != DESK_ENVIRONMENT_SANDBOX ||
      g_strcmp0 (redirect_uri, DESK_SANDBOX_DEFAULT_REDIRECT_URI) != 0)
    add_string (&dict, "redirect-uri", redirect_uri);
  if (kind != DESK_ENVIRONMENT_SANDBOX ||
      g_strcmp0 (cancel_uri, DESK_SANDBOX_DEFAULT_CANCEL_URI) != 0)
    add_string (&dict, "cancel-uri", cancel_uri);

  return g_variant_dict_end (&dict);
}

static GVariant *
form_values_to_variant (const DeskSessionRequest *values,
                        const char               *integration)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const char * const no_permissions[] = { NULL };

  g_variant_dict_insert (&dict, "end-user-id", "s",
                         values->end_user_id ? values->end_user_id : "");
  g_variant_dict_insert (&dict, "institution-id", "s",
                         values->institution_id ? values->institution_id : "");
  g_variant_dict_insert_value (&dict, "permissions",
                               g_variant_new_strv (values->permissions != NULL
                                                     ? (const char * const *) values->permissions
                                                     : no_permissions, -1));
  /* "" follows the environment's default. */
  g_variant_dict_insert (&dict, "redirect-uri", "s",
                         values->redirect_uri ? values->redirect_uri : "");
  g_variant_dict_insert (&dict, "cancel-uri", "s", values->cancel_uri ? values->cancel_uri : "");
  if (integration != NULL)
    g_variant_dict_insert (&dict, "integration", "s", integration);

  return g_variant_dict_end (&dict);
}

static void
save (DeskEnvironmentList *self)
{
  g_auto(GVariantBuilder) environments = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
  g_auto(GVariantBuilder) form_values = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sa{sv}}"));

  if (self->loading)
    return;

  for (guint i = 0; i < self->environments->len; i++)
    {
      DeskEnvironment *environment = g_ptr_array_index (self->environments, i);
      const DeskSessionRequest *values = desk_environment_get_form_values (environment);
      g_autoptr(GVariant) entry = NULL;

      if (!desk_environment_is_saved (environment))
        continue;

      entry = g_variant_ref_sink (environment_to_variant (environment));
      /* A built-in without changes needs no entry. */
      if (desk_environment_get_kind (environment) == DESK_ENVIRONMENT_CUSTOM ||
          g_variant_n_children (entry) > 1)
        g_variant_builder_add_value (&environments, entry);

      if (values != NULL)
        g_variant_builder_add (&form_values, "{s@a{sv}}",
                               desk_environment_get_id (environment),
                               form_values_to_variant (values,
                                                       desk_environment_get_integration (
                                                         environment)));
    }

  g_settings_delay (self->settings);
  g_settings_set_value (self->settings, "environments", g_variant_builder_end (&environments));
  g_settings_set_value (self->settings, "form-values", g_variant_builder_end (&form_values));
  g_settings_apply (self->settings);
}

static void
environment_changed_cb (DeskEnvironmentList *self)
{
  save (self);
}

/* Reading */

static DeskEnvironment *
find_by_id (DeskEnvironmentList *self,
            const char          *id)
{
  for (guint i = 0; i < self->environments->len; i++)
    {
      DeskEnvironment *environment = g_ptr_array_index (self->environments, i);

      if (desk_environment_is_saved (environment) &&
          g_strcmp0 (desk_environment_get_id (environment), id) == 0)
        return environment;
    }

  return NULL;
}

static void
insert (DeskEnvironmentList *self,
        DeskEnvironment     *environment,
        guint                position)
{
  desk_environment_set_secret_store (environment, self->secret_store);
  g_signal_connect_object (environment, "changed", G_CALLBACK (environment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_insert (self->environments, position, g_object_ref (environment));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

static void
append (DeskEnvironmentList *self,
        DeskEnvironment     *environment)
{
  insert (self, environment, self->environments->len);
}

static const char *
lookup_string (GVariantDict *dict,
               const char   *key)
{
  const char *value = NULL;

  g_variant_dict_lookup (dict, key, "&s", &value);
  return value;
}

static gboolean
is_reserved_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_ids); i++)
    {
      if (g_str_equal (id, reserved_ids[i]))
        return TRUE;
    }

  return FALSE;
}

/* Entries someone edited by hand into nonsense are skipped, not fatal. */
static void
load_environment (DeskEnvironmentList *self,
                  GVariant            *entry)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (entry);
  g_autoptr(DeskEnvironment) custom = NULL;
  DeskEnvironment *environment;
  const char *id = lookup_string (&dict, "id");
  const char *name = lookup_string (&dict, "name");
  const char *api_url = lookup_string (&dict, "api-url");
  const char *api_version = lookup_string (&dict, "api-version");

  if (id == NULL || *id == '\0')
    return;

  environment = find_by_id (self, id);
  if (environment == NULL && !is_reserved_id (id))
    {
      if (name == NULL || *name == '\0' || !desk_environment_check_api_url (api_url, NULL))
        {
          g_debug ("Skipping the unusable saved environment “%s”", id);
          return;
        }

      custom = desk_environment_new_custom (id, name, api_url);
      desk_environment_set_auth_origin (custom, lookup_string (&dict, "auth-origin"));
      if (g_strcmp0 (api_version, "v1") == 0 || g_strcmp0 (api_version, "v2") == 0)
        desk_environment_set_api_version (custom, api_version);
      append (self, custom);
      environment = custom;
    }
  else if (environment == NULL ||
           desk_environment_get_kind (environment) == DESK_ENVIRONMENT_CUSTOM)
    {
      return;  /* a duplicate id */
    }

  desk_environment_set_default_redirect_uri (environment, lookup_string (&dict, "redirect-uri"));
  desk_environment_set_default_cancel_uri (environment, lookup_string (&dict, "cancel-uri"));
}

static void
load_form_values (DeskEnvironmentList *self,
                  const char          *id,
                  GVariant            *values)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (values);
  g_autoptr(DeskSessionRequest) request = NULL;
  g_autofree const char **permissions = NULL;
  DeskEnvironment *environment = find_by_id (self, id);
  const char *institution_id = lookup_string (&dict, "institution-id");

  if (environment == NULL)
    return;

  g_variant_dict_lookup (&dict, "permissions", "^a&s", &permissions);
  request = desk_session_request_new (lookup_string (&dict, "end-user-id"),
                                      lookup_string (&dict, "redirect-uri"),
                                      lookup_string (&dict, "cancel-uri"),
                                      institution_id != NULL && *institution_id != '\0'
                                        ? institution_id : NULL,
                                      permissions);
  desk_environment_set_form_values (environment, request);
  desk_environment_set_integration (environment, lookup_string (&dict, "integration"));
}

static void
load (DeskEnvironmentList *self)
{
  g_autoptr(GVariant) environments = g_settings_get_value (self->settings, "environments");
  g_autoptr(GVariant) form_values = g_settings_get_value (self->settings, "form-values");
  GVariantIter iter;
  GVariant *entry;
  const char *id;

  self->loading = TRUE;

  g_variant_iter_init (&iter, environments);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      load_environment (self, entry);
      g_variant_unref (entry);
    }

  g_variant_iter_init (&iter, form_values);
  while (g_variant_iter_next (&iter, "{&s@a{sv}}", &id, &entry))
    {
      load_form_values (self, id, entry);
      g_variant_unref (entry);
    }

  self->loading = FALSE;
}

static void
desk_environment_list_dispose (GObject *object)
{
  DeskEnvironmentList *self = DESK_ENVIRONMENT_LIST (object);

  if (self->environments != NULL)
    {
      for (guint i = 0; i < self->environments->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->environments, i), self);
    }
  g_clear_pointer (&self->environments, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->secret_store);

  G_OBJECT_CLASS (desk_environment_list_parent_class)->dispose (object);
}

static void
desk_environment_list_class_init (DeskEnvironmentListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = desk_environment_list_dispose;
}

static void
desk_environment_list_init (DeskEnvironmentList *self)
{
  self->environments = g_ptr_array_new_with_free_func (g_object_unref);
}

DeskEnvironmentList *
desk_environment_list_new (GSettings       *settings,
                           DeskSecretStore *store)
{
  DeskEnvironmentList *self;
  g_autoptr(DeskEnvironment) sandbox = desk_environment_new_sandbox ();
  g_autoptr(DeskEnvironment) production = desk_environment_new_production ();

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (DESK_IS_SECRET_STORE (store), NULL);

  self = g_object_new (DESK_TYPE_ENVIRONMENT_LIST, NULL);
  self->settings = g_object_ref (settings);
  self->secret_store = g_object_ref (store);

  /* Only objects: the Sandbox itself starts with the first session made in it. */
  append (self, sandbox);
  append (self, production);
  load (self);

  return self;
}

DeskSecretStore *
desk_environment_list_get_secret_store (DeskEnvironmentList *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (self), NULL);

  return self->secret_store;
}

void
desk_environment_list_set_secret_store (DeskEnvironmentList *self,
                                        DeskSecretStore     *store)
{
  g_return_if_fail (DESK_IS_ENVIRONMENT_LIST (self));
  g_return_if_fail (DESK_IS_SECRET_STORE (store));

  g_set_object (&self->secret_store, store);
  for (guint i = 0; i < self->environments->len; i++)
    desk_environment_set_secret_store (g_ptr_array_index (self->environments, i), store);
}

DeskEnvironment *
desk_environment_list_get_sandbox (DeskEnvironmentList *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (self), NULL);

  return g_ptr_array_index (self->environments, 0);
}

DeskEnvironment *
desk_environment_list_get_production (DeskEnvironmentList *self)
{
  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (self), NULL);

  return g_ptr_array_index (self->environments, 1);
}

/* Case-insensitive in any script: casefolded and normalized. */
static char *
name_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *folded = g_utf8_casefold (stripped, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

DeskEnvironment *
desk_environment_list_lookup (DeskEnvironmentList *self,
                              const char          *id_or_name)
{
  g_autofree char *key = NULL;
  DeskEnvironment *environment;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  environment = find_by_id (self, id_or_name);
  if (environment != NULL || !g_utf8_validate (id_or_name, -1, NULL))
    return environment;

  key = name_key (id_or_name);
  for (guint i = 0; i < self->environments->len; i++)
    {
      g_autofree char *other = NULL;

      environment = g_ptr_array_index (self->environments, i);
      if (!desk_environment_is_saved (environment))
        continue;

      /* Ids are lower-case ASCII: "SANDBOX" finds the Sandbox in any language. */
      other = name_key (desk_environment_get_title (environment));
      if (g_strcmp0 (key, other) == 0 ||
          g_strcmp0 (key, desk_environment_get_id (environment)) == 0)
        return environment;
    }

  return NULL;
}

DeskEnvironment *
desk_environment_list_get_one_off (DeskEnvironmentList *self,
                                   const char          *api_url)
{
  g_autoptr(DeskEnvironment) one_off = NULL;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (self), NULL);
  g_return_val_if_fail (api_url != NULL, NULL);

  for (guint i = 0; i < self->environments->len; i++)
    {
      DeskEnvironment *environment = g_ptr_array_index (self->environments, i);

      if (!desk_environment_is_saved (environment) &&
          g_strcmp0 (desk_environment_get_api_url (environment), api_url) == 0)
        return environment;
    }

  one_off = desk_environment_new_custom (NULL, NULL, api_url);
  append (self, one_off);

  return one_off;
}

gboolean
desk_environment_list_check_name (DeskEnvironmentList  *self,
                                  const char           *name,
                                  DeskEnvironment      *environment,
                                  GError              **error)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (self), FALSE);
  g_return_val_if_fail (environment == NULL || DESK_IS_ENVIRONMENT (environment), FALSE);

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    name = "";

  key = name_key (name);
  if (*key == '\0')
    {
      g_set_error_literal (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID,
                           _("Enter a name."));
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error_literal (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID,
                               _("A name cannot contain control characters."));
          return FALSE;
        }
    }

  for (guint i = 0; i < self->environments->len; i++)
    {
      DeskEnvironment *other = g_ptr_array_index (self->environments, i);
      g_autofree char *other_key = NULL;

      if (other == environment || !desk_environment_is_saved (other))
        continue;

      other_key = name_key (desk_environment_get_title (other));
      if (g_str_equal (key, other_key) ||
          g_str_equal (key, desk_environment_get_id (other)))
        {
          g_set_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID,
                       _("Another environment is called “%s”."), name);
          return FALSE;
        }
    }

  /* --environment takes a name as well as an id: no name may stand for two environments,
   * nor for the one-off "custom" of --api-url. */
  for (guint i = 0; i < G_N_ELEMENTS (reserved_ids); i++)
    {
      if (g_str_equal (key, reserved_ids[i]))
        {
          g_set_error (error, DESK_ENVIRONMENT_ERROR, DESK_ENVIRONMENT_ERROR_INVALID,
                       _("“%s” is reserved. Choose another name."), name);
          return FALSE;
        }
    }

  return TRUE;
}

/* "QA staging (v2)" becomes "qa-staging-v2", "Über" "uber": readable on a command line, and
 * stable. */
static char *
make_id (DeskEnvironmentList *self,
         const char          *name)
{
  g_autoptr(GString) slug = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autofree char *id = NULL;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_assign (slug, "environment");

  id = g_strdup (slug->str);
  for (guint n = 2; is_reserved_id (id) || find_by_id (self, id) != NULL; n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", slug->str, n);
    }

  return g_steal_pointer (&id);
}

DeskEnvironment *
desk_environment_list_add_custom (DeskEnvironmentList *self,
                                  const char          *name,
                                  const char          *api_url)
{
  g_autoptr(DeskEnvironment) environment = NULL;
  g_autofree char *id = NULL;
  guint position;

  g_return_val_if_fail (DESK_IS_ENVIRONMENT_LIST (self), NULL);
  g_return_val_if_fail (desk_environment_list_check_name (self, name, NULL, NULL), NULL);
  g_return_val_if_fail (desk_environment_check_api_url (api_url, NULL), NULL);

  id = make_id (self, name);
  environment = desk_environment_new_custom (id, name, api_url);

  /* Saved ones come before this run's one-offs. */
  position = self->environments->len;
  while (position > 0 &&
         !desk_environment_is_saved (g_ptr_array_index (self->environments, position - 1)))
    position--;
  insert (self, environment, position);

  save (self);
  return environment;
}

void
desk_environment_list_remove (DeskEnvironmentList *self,
                              DeskEnvironment     *environment)
{
  guint position;

  g_return_if_fail (DESK_IS_ENVIRONMENT_LIST (self));
  g_return_if_fail (DESK_IS_ENVIRONMENT (environment));
  g_return_if_fail (desk_environment_get_kind (environment) == DESK_ENVIRONMENT_CUSTOM);

  if (!g_ptr_array_find (self->environments, environment, &position))
    g_return_if_reached ();

  g_signal_handlers_disconnect_by_data (environment, self);
  g_ptr_array_remove_index (self->environments, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  save (self);
}
