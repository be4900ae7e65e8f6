/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * fuzz-catalog.c: libFuzzer entry point for a hostile catalog's translations (the check _() makes). */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_catalog(data, size);
	return 0;
}
