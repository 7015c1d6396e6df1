// Releasing the mapped pages of a checkpoint tensor (safetensors.h keeps the files mapped).
#pragma once

#include "safetensors.h"

namespace basislab {

/// Drops the pages of `info`'s bytes from this process's mapping (madvise MADV_DONTNEED on the
/// whole pages inside its range), so that a tensor already copied out stops counting in the
/// resident set; the file stays in the page cache, and a later read maps the pages in again.
/// Pages shared with a neighbouring tensor are kept. Advisory: a failure leaves them resident.
void releasePages(const TensorInfo& info);

}  // namespace basislab
