#include "zeroshot_box.h"

#include "app_settings.h"

#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace basislab::gui {

ZeroShotBox::ZeroShotBox(QWidget* parent) : QGroupBox(parent) {
    setObjectName(QStringLiteral("zeroShotBox"));
    label_ = new QLabel;
    tasks_ = new QLineEdit;
    tasks_->setObjectName(QStringLiteral("zeroShotTasksEdit"));
    browse_ = new QPushButton;
    browse_->setObjectName(QStringLiteral("zeroShotBrowseButton"));
    clear_ = new QPushButton;
    clear_->setObjectName(QStringLiteral("zeroShotClearButton"));
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(label_);
    layout->addWidget(tasks_, 1);
    layout->addWidget(browse_);
    layout->addWidget(clear_);
    connect(tasks_, &QLineEdit::editingFinished, this, &ZeroShotBox::tasksEdited);
    connect(browse_, &QPushButton::clicked, this, &ZeroShotBox::browse);
    connect(clear_, &QPushButton::clicked, this, [this] {
        tasks_->clear();
        Q_EMIT tasksEdited();
    });
    retranslate();
}

QStringList ZeroShotBox::tasks() const {
    QStringList out;
    for (const QString& part : tasks_->text().split(QLatin1Char(';')))
        if (!part.trimmed().isEmpty()) out << part.trimmed();
    return out;
}

void ZeroShotBox::setTasks(const QStringList& tasks) {
    tasks_->setText(tasks.join(QStringLiteral("; ")));
}

void ZeroShotBox::browse() {
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Zero-shot Task Files"),
                                                            AppSettings::lastFolder(AppSettings::Folder::Text),
                                                            tr("JSON Lines task files (*.jsonl);;All files (*)"));
    if (files.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Text, files.first());
    setTasks(files);
    Q_EMIT tasksEdited();
}

void ZeroShotBox::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QGroupBox::changeEvent(event);
}

void ZeroShotBox::retranslate() {
    setTitle(tr("Zero-shot Accuracy"));
    label_->setText(tr("Tasks:"));
    tasks_->setPlaceholderText(tr("none: perplexity only"));
    tasks_->setToolTip(
        tr("JSON Lines task files separated by ';' (see the README). Every evaluation also scores them as "
           "lm-evaluation-harness 0.4.3 does; their accuracies become columns of the runs table"));
    browse_->setText(tr("Browse…"));
    browse_->setToolTip(tr("Choose one or more task files"));
    clear_->setText(tr("Clear"));
    clear_->setToolTip(tr("Score no zero-shot tasks"));
}

}  // namespace basislab::gui
