// How plans and runs read in the user's language: method and alpha-form names, the groups of a
// plan in one short line.
#pragma once

#include "api/plan_settings.h"

#include <QString>

namespace basislab::gui {

/// The method id of a run of the uncompressed model.
inline constexpr const char* kOriginalMethod = "original";

QString methodLabel(const std::string& method_id);
QString alphaLabel(const std::string& alpha_id);
/// "q,k,v ×2 · gate,up ×4" for the shared types and their group sizes, "—" when nothing is shared.
QString groupsText(const api::PlanSettings& plan);

}  // namespace basislab::gui
