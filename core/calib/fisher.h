// Fisher diagonals for FWSVD: for every layer l and projection type t,
//
//     F_{l,t} = sum over windows w of (d loss_w / d weight_{l,t})^2      (element-wise)
//
// float32, in Hugging Face layout (d_out x d_in), where loss_w is the mean NLL of window w's L-1
// scored tokens (token p+1 from the logits at position p, as perplexity scores them).
//
// Each window is run through the whole model with autograd on the 7 projection weights of every
// layer, so this needs the whole model in memory (a fresh copy of every weight, outside any cache)
// plus one window's activations kept for backward, plus the gradients and the float32
// accumulators (as large as the projections). Gradients are enabled only inside this function.
#pragma once

#include "../base/progress.h"
#include "../model/llama_model.h"

#include <map>
#include <utility>

namespace basislab {

using FisherDiagonals = std::map<std::pair<int, MatrixType>, at::Tensor>;

/// F_{l,t} over the windows ids [N, L] (int64), float32 on the CPU. Progress stage "fisher", one
/// unit per window; throws Cancelled when the callback asks to stop.
FisherDiagonals fisherDiagonals(const LlamaModel& model, const at::Tensor& ids, const ProgressFn& progress = {});

}  // namespace basislab
