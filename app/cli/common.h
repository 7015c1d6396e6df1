// Pieces every basislab-cli command shares: model options, progress on stderr, Ctrl-C.
#pragma once

#include "args.h"
#include "base/compute.h"
#include "base/progress.h"

#include <set>
#include <string>

namespace basislab::cli {

/// Options understood by every command that opens a model.
const std::set<std::string>& computeOptionNames();
ComputeOptions computeOptions(const Args& args);

/// Prints progress on stderr (a refreshed line on a terminal, a line every few seconds otherwise)
/// and returns false once Ctrl-C was pressed, so the work cancels cleanly.
ProgressFn stderrProgress(bool quiet = false);
void installInterruptHandler();
bool interrupted();

std::set<std::string> merge(std::set<std::string> a, const std::set<std::string>& b);

}  // namespace basislab::cli
