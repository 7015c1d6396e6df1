// Progress of the worker's jobs of some kinds: a progress bar, throughput, ETA and a Cancel
// button. Pages put one under their Run button.
#pragma once

#include "job_types.h"

#include <QElapsedTimer>
#include <QWidget>

#include <set>

class QLabel;
class QProgressBar;
class QPushButton;

namespace basislab::gui {

class JobController;

class JobPanel : public QWidget {
    Q_OBJECT
public:
    JobPanel(JobController* jobs, std::set<JobKind> kinds, const QString& name, QWidget* parent = nullptr);
    QPushButton* cancelButton() const { return cancel_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void started(quint64 id, JobKind kind);
    void progressed(quint64 id, const JobProgress& p);
    void finished(quint64 id, JobKind kind);
    void retranslate();

    JobController* jobs_;
    std::set<JobKind> kinds_;
    quint64 current_ = 0;
    QString outcome_;  // "Cancelled after %1" or "Failed after %1" when the job did not finish
    QElapsedTimer clock_;
    QProgressBar* bar_;
    QLabel* rate_;
    QLabel* eta_;
    QPushButton* cancel_;
};

}  // namespace basislab::gui
