/* interception-cert.h — a self-signed certificate for 127.0.0.1, for the TLS test only
 *
 * Copyright 2026 The Consent Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Throwaway test material: no authority signed it, so WebKit must refuse it (which is the
 * point), and its key protects nothing. Made with
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 \
 *     -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1
 */
#pragma once

#define INTERCEPTION_TEST_CERTIFICATE_PEM \
  "-----BEGIN CERTIFICATE-----\n" \
  "MIIBkDCCATagAwIBAgIUN0u9sDdLgSgMGgyWnTcoopW6UewwCgYIKoZIzj0EAwIw\n" \
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyODAyMDU0OVoYDzIxMjYxMTA0\n" \
  "MDIwNTQ5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n" \
  "PQMBBwNCAAReti+Ng6K/+e0PM8wlHwVUh1HSNgENaz7a8YfLVeORKcov+egx70zk\n" \
  "3TYlpfmdmaTX+/h+rsBOMK1bXadzGf19o2QwYjAdBgNVHQ4EFgQUjA3wco9p7OZP\n" \
  "sRFVU9Czh+nDx00wHwYDVR0jBBgwFoAUjA3wco9p7OZPsRFVU9Czh+nDx00wDwYD\n" \
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n" \
  "IDk/xuD364PKK0ASVRpsqmYAZjqtFi4xlHlvauWxd3luAiEAxbuMs2F/GAEcpVG9\n" \
  "yHTyCqyKpnCNiBCwPXHO3d9J/iI=\n" \
  "-----END CERTIFICATE-----\n" \
  "-----BEGIN PRIVATE KEY-----\n" \
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg/+37EuWWZPFOV5FH\n" \
  "71nBjODW/R6UKoRhPbRLOohT1WGhRANCAAReti+Ng6K/+e0PM8wlHwVUh1HSNgEN\n" \
  "az7a8YfLVeORKcov+egx70zk3TYlpfmdmaTX+/h+rsBOMK1bXadzGf19\n" \
  "-----END PRIVATE KEY-----\n"
