#ifndef INTAKE_CSHA256_H
#define INTAKE_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The SHA-256 block function on the x86 SHA extensions (SHA-NI), for the processors that have them.
/// Everything else about SHA-256 (padding, length, HMAC) and the portable block function are Swift,
/// in IntakeCore; both block functions are checked against each other and the FIPS 180 vectors.

/// 1 when this processor has the SHA extensions (and the SSSE3/SSE4.1 they are used with), else 0.
int intake_sha256_hardware_available(void);

/// Runs the block function over `count` 64-byte blocks at `blocks`, updating `state` (H0...H7).
/// Only valid when `intake_sha256_hardware_available()` returned 1.
void intake_sha256_hardware_compress(uint32_t state[8], const void *blocks, size_t count);

#endif
