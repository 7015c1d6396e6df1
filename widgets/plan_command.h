// The undo command of every plan edit (ratio, groups, shared types, alpha form, method, refit):
// a generic old/new swap, as Tiled's ChangeValue. Edits with the same merge id merge, so dragging
// the ratio slider is one undo step.
#pragma once

#include "compress/plan.h"

#include <QUndoCommand>

namespace basislab::gui {

class WorkbenchDocument;

class PlanCommand : public QUndoCommand {
public:
    PlanCommand(WorkbenchDocument* document, CompressionPlan before, CompressionPlan after, const QString& text,
                int merge_id);
    void undo() override;
    void redo() override;
    int id() const override { return merge_id_; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    WorkbenchDocument* document_;
    CompressionPlan before_;
    CompressionPlan after_;
    int merge_id_;
};

}  // namespace basislab::gui
