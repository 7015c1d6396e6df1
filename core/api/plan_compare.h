// Equality of compression plans, field by field (the workbench's undo stack and live preview
// need to know whether an edit changed anything). Torch-free.
#pragma once

#include "../compress/plan.h"

namespace basislab::api {

inline bool samePlan(const CompressionPlan& a, const CompressionPlan& b) {
    return a.method == b.method && a.ratio == b.ratio && a.types == b.types && a.shared == b.shared &&
           a.group_size == b.group_size && a.alpha == b.alpha && a.refit == b.refit && a.update == b.update &&
           a.asvd_exponent == b.asvd_exponent && a.allocation == b.allocation;
}

}  // namespace basislab::api
