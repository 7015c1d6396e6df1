// A compression plan as the workbench edits it: plain values, torch-free, saved in sessions and
// recorded with every evaluation run.
#pragma once

#include "../model/names.h"

#include <array>
#include <string>

namespace basislab::api {

struct PlanSettings {
    std::string method;  // a method id of the compression core ("" = not chosen yet)
    double ratio = 0.2;  // compression ratio: the fraction of projection parameters removed
    std::array<int, 7> group_size{1, 1, 1, 1, 1, 1, 1};  // layers per shared basis, indexed like kMatrixTypes
    std::array<bool, 7> shared{};  // which matrix types share a basis across layers
    std::string alpha;  // an alpha form id of the compression core ("" = none)
    bool refit = false;  // refit the coefficients after choosing the basis

    bool operator==(const PlanSettings& o) const {
        return method == o.method && ratio == o.ratio && group_size == o.group_size && shared == o.shared &&
               alpha == o.alpha && refit == o.refit;
    }
    bool operator!=(const PlanSettings& o) const { return !(*this == o); }
};

}  // namespace basislab::api
