#include "plan_command.h"

#include "api/plan_compare.h"
#include "workbench_document.h"

namespace basislab::gui {

PlanCommand::PlanCommand(WorkbenchDocument* document, CompressionPlan before, CompressionPlan after,
                         const QString& text, int merge_id)
    : QUndoCommand(text),
      document_(document),
      before_(std::move(before)),
      after_(std::move(after)),
      merge_id_(merge_id) {}

void PlanCommand::undo() {
    document_->setPlan(before_);
}

void PlanCommand::redo() {
    document_->setPlan(after_);
}

bool PlanCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = static_cast<const PlanCommand*>(other);
    if (next->document_ != document_) return false;
    after_ = next->after_;
    setObsolete(api::samePlan(after_, before_));
    return true;
}

}  // namespace basislab::gui
