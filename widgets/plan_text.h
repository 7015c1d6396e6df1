// How plans and runs read in the user's language: method and alpha-form names with their one-line
// explanations, and the groups of a plan in one short line. The core's English texts
// (compress/plan.h alphaForms()) are repeated here inside tr() so that they can be translated;
// tests/gui/test_document.cpp checks that every form of the core has its entry.
#pragma once

#include "api/run_record.h"
#include "compress/plan.h"

#include <QString>

namespace basislab::gui {

QString methodLabel(Method method);
QString methodExplanation(Method method);
/// The coefficient update (compress/plan.h UpdateKind): a short label and its one-line explanation.
QString updateLabel(UpdateKind kind);
QString updateExplanationText(UpdateKind kind);
/// "Original (uncompressed)" for a run of the original model, else its method.
QString runMethodLabel(const api::RunRecord& run);

/// The id alphaForms() lists for a form: "none", "inv-trace", ..., "power:p", "normalised".
std::string alphaFormId(const AlphaForm& form);
/// Label of an id of alphaForms(); empty when the workbench has no text for it.
QString alphaFormLabel(const std::string& id);
QString alphaFormExplanation(const std::string& id);
/// A form with its parameters, e.g. "Trace power (p = 0.75)".
QString alphaLabel(const AlphaForm& form);

/// "Uniform" / "By error curves", and the one-line explanation of each allocation.
QString allocationLabel(Allocation allocation);
QString allocationExplanation(Allocation allocation);

/// Why sharing o or down needs care (compress/plan.h sharingCaveat()); empty for the other types.
QString sharingCaveatText(MatrixType type);

/// "q,k,v ×2 · gate,up ×4" for the shared types and their group sizes, "—" when nothing is shared.
QString groupsText(const CompressionPlan& plan);

}  // namespace basislab::gui
