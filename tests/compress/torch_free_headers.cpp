// Compiled without LibTorch on the include path (tests/CMakeLists.txt): the headers the GUI uses for
// plans, reports, the preview, compression, export and evaluation must stay torch-free.
#include "base/atomic_folder.h"
#include "compress/allocation.h"
#include "compress/alpha.h"
#include "compress/compress.h"
#include "compress/compress_options.h"
#include "compress/error_curve.h"
#include "compress/evaluate.h"
#include "compress/export.h"
#include "compress/plan.h"
#include "compress/preview.h"
#include "compress/report.h"
#include "model/checkpoint_writer.h"
#include "model/rescale.h"
#include "model/safetensors_writer.h"

#ifdef AT_ASSERT
#error "a torch-free header included ATen"
#endif
