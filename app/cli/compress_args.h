// Options shared by `compress`, `sweep` and bench_compress: the plan and how it is computed.
#pragma once

#include "args.h"
#include "compress/compress_options.h"
#include "compress/plan.h"

#include <set>
#include <string>

namespace basislab::cli {

/// --method --ratio --group-size --share --types --alpha --asvd-exponent --solver --allocation --update --calib-text
const std::set<std::string>& planOptionNames();
/// --refit (a synonym of --update refit)
const std::set<std::string>& planFlagNames();
/// The plan the options describe (defaults: basis-sharing, r 0.4, share q,k,v,gate,up, n 2,
/// alpha none). Throws Error naming the option at fault.
CompressionPlan planFromArgs(const Args& args, bool require_method_and_ratio = true);
CompressOptions compressOptionsFromArgs(const Args& args);

}  // namespace basislab::cli
