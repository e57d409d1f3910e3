/* desk-sandbox-icons.h — the consent pages' inline SVG icons (included by desk-sandbox-pages.c)
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "desk-sandbox-institutions.h"

static const char chevron_svg[] =
  "<svg class=\"chevron\" width=\"18\" height=\"18\" viewBox=\"0 0 24 24\" aria-hidden=\"true\""
  " focusable=\"false\"><path d=\"m9 5 7 7-7 7\" fill=\"none\" stroke=\"currentColor\""
  " stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>";

static const char lock_svg[] =
  "<svg width=\"16\" height=\"16\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">"
  "<rect x=\"5\" y=\"10.5\" width=\"14\" height=\"10\" rx=\"2.5\" fill=\"#3346c8\"/>"
  "<path d=\"M8.5 10.5V8a3.5 3.5 0 0 1 7 0v2.5\" fill=\"none\" stroke=\"#3346c8\""
  " stroke-width=\"2\"/></svg>";

static const char brand_svg[] =
  "<svg width=\"44\" height=\"44\" viewBox=\"0 0 40 40\" aria-hidden=\"true\" focusable=\"false\">"
  "<rect width=\"40\" height=\"40\" rx=\"11\" fill=\"#eef0fb\"/>"
  "<path d=\"M20 7.5 29 11v7c0 5.8-3.8 10.2-9 11.9-5.2-1.7-9-6.1-9-11.9v-7z\" fill=\"#3346c8\"/>"
  "<path d=\"m16 18.6 2.9 2.9 5.4-5.6\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2.3\""
  " stroke-linecap=\"round\" stroke-linejoin=\"round\"/></svg>";

static const char unknown_institution_svg[] =
  "<svg width=\"44\" height=\"44\" viewBox=\"0 0 40 40\" aria-hidden=\"true\" focusable=\"false\">"
  "<rect x=\"1\" y=\"1\" width=\"38\" height=\"38\" rx=\"10\" fill=\"#fff\" stroke=\"#b9bfcd\""
  " stroke-dasharray=\"4 3\"/><path d=\"M12 29h16M14 26v-8m4 8v-8m4 8v-8m4 8v-8M11 17l9-6 9 6z\""
  " fill=\"none\" stroke=\"#8a91a3\" stroke-width=\"1.6\" stroke-linejoin=\"round\"/></svg>";

static const char alert_svg[] =
  "<svg width=\"20\" height=\"20\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">"
  "<circle cx=\"12\" cy=\"12\" r=\"10\" fill=\"currentColor\"/><path d=\"M12 7v6\" stroke=\"#fff\""
  " stroke-width=\"2.2\" stroke-linecap=\"round\"/><circle cx=\"12\" cy=\"16.8\" r=\"1.3\""
  " fill=\"#fff\"/></svg>";

static const char tools_svg[] =
  "<svg width=\"20\" height=\"20\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" focusable=\"false\">"
  "<path d=\"M14.7 6.3a4 4 0 0 0 5 5l-8.4 8.4a2.1 2.1 0 0 1-3-3z\" fill=\"none\""
  " stroke=\"currentColor\" stroke-width=\"2\" stroke-linejoin=\"round\"/><path d=\"M14.7 6.3"
  " 17.4 3.6a4 4 0 0 1 3 3l-2.7 2.7\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\""
  " stroke-linejoin=\"round\"/></svg>";

/* An institution's logo: its monogram on its colour. */
static char *
institution_logo (const DeskSandboxInstitution *institution,
                  guint                         size)
{
  /* A small mark in the corner tells banks (columns) from energy retailers (a bolt). */
  const char *emblem = institution->kind == DESK_SANDBOX_INSTITUTION_BANK
    ? "M29 35h7M30 34v-3m2.5 3v-3m2.5 3v-3M29 30.5l3.5-2 3.5 2z"
    : "M33.5 27.5 30.5 32h2.5l-.8 3.5 3.3-4.8H33z";

  return g_strdup_printf ("<svg class=\"logo\" width=\"%u\" height=\"%u\" viewBox=\"0 0 40 40\""
                          " aria-hidden=\"true\" focusable=\"false\">"
                          "<rect width=\"40\" height=\"40\" rx=\"11\" fill=\"%s\"/>"
                          "<text x=\"20\" y=\"24.5\" text-anchor=\"middle\" fill=\"#fff\""
                          " font-family=\"system-ui, sans-serif\" font-size=\"14\""
                          " font-weight=\"700\" letter-spacing=\".5\">%s</text>"
                          "<path d=\"%s\" fill=\"none\" stroke=\"#fff\" stroke-opacity=\".75\""
                          " stroke-width=\"1\" stroke-linejoin=\"round\"/></svg>",
                          size, size, institution->colour, institution->monogram, emblem);
}
