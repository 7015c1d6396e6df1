// The Evaluation page's zero-shot group: the task files (JSON Lines, eval/task_file.h) that every
// evaluation of the original model or of a plan also scores, as lm-evaluation-harness 0.4.3 does.
// Their accuracies become columns of the runs table.
#pragma once

#include <QGroupBox>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPushButton;

namespace basislab::gui {

class ZeroShotBox : public QGroupBox {
    Q_OBJECT
public:
    explicit ZeroShotBox(QWidget* parent = nullptr);

    /// The task files, in order (empty: no zero-shot scoring).
    QStringList tasks() const;
    void setTasks(const QStringList& tasks);

Q_SIGNALS:
    /// The user changed the task files.
    void tasksEdited();

protected:
    void changeEvent(QEvent* event) override;

private:
    void browse();
    void retranslate();

    QLabel* label_;
    QLineEdit* tasks_;
    QPushButton* browse_;
    QPushButton* clear_;
};

}  // namespace basislab::gui
