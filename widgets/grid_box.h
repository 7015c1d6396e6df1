// The Evaluation page's grid: ratios x alpha forms x group sizes around the current plan (as
// `basislab-cli sweep`), run as one cancellable job on the worker. Each finished run becomes a row of
// the runs table (and a point of the plot) as soon as it arrives; a cancel keeps the finished ones.
#pragma once

#include "api/model_session.h"
#include "api/requests.h"
#include "api/run_record.h"
#include "compress/plan.h"

#include <QGroupBox>

#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;

namespace basislab::gui {

class JobController;
class WorkbenchDocument;

/// The runs-table row of one evaluated plan: ratio, parameters, perplexity, zero-shot scores and the
/// mean whitened error over its layers (the request's text, window and device are the caller's).
api::RunRecord planRunRecord(const CompressionPlan& plan, const api::PlanEvaluation& e);

class GridBox : public QGroupBox {
    Q_OBJECT
public:
    GridBox(WorkbenchDocument* document, JobController* jobs, QWidget* parent = nullptr);

    /// The grid's plans around the document's plan; throws basislab::Error naming the field at fault.
    std::vector<CompressionPlan> plans() const;
    /// Sets the three fields (comma-separated lists, as typed).
    void setGrid(const QString& ratios, const QString& alphas, const QString& group_sizes);
    /// Starts the grid on `request`; false (with failed()) when a field is not valid or nothing can run.
    bool start(const api::PerplexityRequest& request);
    quint64 pendingJob() const { return pending_; }

Q_SIGNALS:
    /// The Run Grid button: the page checks the text and calls start().
    void startRequested();
    void message(const QString& text);
    void failed(const QString& title, const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateCount();
    void updateButton();
    void retranslate();

    WorkbenchDocument* document_;
    JobController* jobs_;
    quint64 pending_ = 0;
    api::PerplexityRequest submitted_;
    int finished_runs_ = 0;
    QLabel* ratios_label_;
    QLineEdit* ratios_;
    QLabel* alphas_label_;
    QLineEdit* alphas_;
    QLabel* sizes_label_;
    QLineEdit* sizes_;
    QLabel* count_;
    QPushButton* run_;
};

}  // namespace basislab::gui
