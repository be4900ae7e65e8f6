/* ipctutor - learn how System V IPC identifiers behave across server restarts.
 * Copyright (C) 2026 The ipctutor authors.  GPL-3.0-or-later: see COPYING.
 *
 * fuzz-save.c: libFuzzer entry point for save's paths (validation and writing in a scratch folder). */
#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_save(data, size);
	return 0;
}
