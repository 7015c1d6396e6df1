#include "evaluation_page.h"

#include "app_settings.h"
#include "grid_box.h"
#include "job_controller.h"
#include "job_panel.h"
#include "plan_text.h"
#include "plot_export.h"
#include "plot_view.h"
#include "runs_table_model.h"
#include "text_format.h"
#include "workbench_document.h"
#include "zeroshot_box.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace basislab::gui {

EvaluationPage::EvaluationPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent)
    : QWidget(parent), document_(document), jobs_(jobs) {
    setObjectName(QStringLiteral("evaluationPage"));
    settings_box_ = new QGroupBox;
    text_label_ = new QLabel;
    text_ = new QLineEdit;
    text_->setObjectName(QStringLiteral("evaluationTextEdit"));
    browse_ = new QPushButton;
    window_label_ = new QLabel;
    window_ = new QSpinBox;
    window_->setObjectName(QStringLiteral("evaluationWindowSpin"));
    window_->setRange(2, 32768);
    max_windows_label_ = new QLabel;
    max_windows_ = new QSpinBox;
    max_windows_->setObjectName(QStringLiteral("evaluationMaxWindowsSpin"));
    max_windows_->setRange(0, 1000000);
    protocol_label_ = new QLabel;
    protocol_ = new QComboBox;
    protocol_->setObjectName(QStringLiteral("evaluationProtocolCombo"));
    for (PerplexityProtocol p : kPerplexityProtocols) protocol_->addItem(QString::fromLatin1(name(p)), int(p));
    zeroshot_ = new ZeroShotBox;
    run_ = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), QString());
    run_->setObjectName(QStringLiteral("evaluatePlanButton"));
    run_original_ = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), QString());
    run_original_->setObjectName(QStringLiteral("evaluateOriginalButton"));
    panel_ = new JobPanel(jobs_, {JobKind::Evaluate, JobKind::EvaluatePlan, JobKind::EvaluateGrid},
                          QStringLiteral("evaluation"));
    grid_ = new GridBox(document_, jobs_);

    auto* grid = new QGridLayout(settings_box_);
    grid->addWidget(text_label_, 0, 0);
    grid->addWidget(text_, 0, 1, 1, 4);
    grid->addWidget(browse_, 0, 5);
    grid->addWidget(window_label_, 1, 0);
    grid->addWidget(window_, 1, 1);
    grid->addWidget(max_windows_label_, 1, 2);
    grid->addWidget(max_windows_, 1, 3);
    grid->addWidget(run_original_, 1, 4, Qt::AlignRight);
    grid->addWidget(run_, 1, 5);
    grid->addWidget(protocol_label_, 2, 0);
    grid->addWidget(protocol_, 2, 1, 1, 3);
    grid->addWidget(panel_, 3, 0, 1, 6);
    grid->setColumnStretch(4, 1);

    model_ = new RunsTableModel(document_, this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(RunsTableModel::SortRole);
    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("runsTable"));
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RunsTableModel::Index, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    export_csv_ = new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), QString());
    export_csv_->setObjectName(QStringLiteral("exportRunsCsvButton"));
    export_latex_ = new QPushButton(QIcon(QStringLiteral(":/icons/export.svg")), QString());
    export_latex_->setObjectName(QStringLiteral("exportRunsLatexButton"));
    remove_ = new QPushButton;
    remove_->setObjectName(QStringLiteral("removeRunsButton"));
    auto* table_buttons = new QHBoxLayout;
    table_buttons->addWidget(export_csv_);
    table_buttons->addWidget(export_latex_);
    table_buttons->addStretch(1);
    table_buttons->addWidget(remove_);
    auto* table_side = new QWidget;
    auto* table_layout = new QVBoxLayout(table_side);
    table_layout->setContentsMargins(0, 0, 0, 0);
    table_layout->addWidget(table_, 1);
    table_layout->addLayout(table_buttons);

    plot_ = new PlotView(QStringLiteral("runs"));
    splitter_ = new QSplitter(Qt::Horizontal);
    splitter_->setObjectName(QStringLiteral("evaluationSplitter"));
    splitter_->addWidget(table_side);
    splitter_->addWidget(plot_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(settings_box_);
    layout->addWidget(zeroshot_);
    layout->addWidget(grid_);
    layout->addWidget(splitter_, 1);

    connect(browse_, &QPushButton::clicked, this, &EvaluationPage::browseText);
    connect(run_, &QPushButton::clicked, this, &EvaluationPage::evaluatePlan);
    connect(run_original_, &QPushButton::clicked, this, &EvaluationPage::evaluateOriginal);
    connect(grid_, &GridBox::startRequested, this, &EvaluationPage::evaluateGrid);
    connect(grid_, &GridBox::message, this, &EvaluationPage::message);
    connect(grid_, &GridBox::failed, this, &EvaluationPage::failed);
    connect(text_, &QLineEdit::editingFinished, this, &EvaluationPage::requestEdited);
    connect(window_, &QSpinBox::valueChanged, this, &EvaluationPage::requestEdited);
    connect(max_windows_, &QSpinBox::valueChanged, this, &EvaluationPage::requestEdited);
    connect(protocol_, &QComboBox::currentIndexChanged, this, &EvaluationPage::requestEdited);
    connect(zeroshot_, &ZeroShotBox::tasksEdited, this, &EvaluationPage::requestEdited);
    connect(export_csv_, &QPushButton::clicked, this, &EvaluationPage::exportCsv);
    connect(export_latex_, &QPushButton::clicked, this, &EvaluationPage::exportLatex);
    connect(remove_, &QPushButton::clicked, this, [this] { document_->removeRuns(selectedRows()); });
    connect(table_, &QWidget::customContextMenuRequested, this, &EvaluationPage::showTableMenu);
    connect(document_, &WorkbenchDocument::evaluationRequestChanged, this, &EvaluationPage::showRequest);
    connect(document_, &WorkbenchDocument::runsChanged, this, &EvaluationPage::updatePlot);
    connect(document_, &WorkbenchDocument::modelChanged, this, &EvaluationPage::updateButtons);
    connect(document_, &WorkbenchDocument::calibrationChanged, this, &EvaluationPage::updateButtons);
    connect(jobs_, &JobController::busyChanged, this, &EvaluationPage::updateButtons);
    connect(jobs_, &JobController::evaluated, this, [this](quint64 id, const api::PerplexitySnapshot& r) {
        if (id != pending_) return;
        api::RunRecord run;
        run.compressed = false;
        run.plan = document_->plan();
        run.params = document_->modelInfo() ? document_->modelInfo()->total_params : 0;
        run.ppl = r.ppl;
        run.seconds = r.seconds;
        run.windows = r.windows;
        run.zeroshot = r.zeroshot;
        addRun(run, std::isfinite(r.ppl) ? tr("Original model: perplexity %1 on %2 windows (%3 s)")
                                               .arg(r.ppl, 0, 'f', 3)
                                               .arg(r.windows)
                                               .arg(r.seconds, 0, 'f', 1)
                                         : tr("Original model evaluated"));
    });
    connect(jobs_, &JobController::planEvaluated, this, [this](quint64 id, const PlanEvaluationPtr& e) {
        if (id != pending_) return;
        const api::RunRecord run = planRunRecord(submitted_plan_, *e);
        addRun(run, tr("%1 at %2: perplexity %3 (%4 s)")
                        .arg(methodLabel(run.plan.method), formatPercent(run.achieved_ratio))
                        .arg(run.ppl, 0, 'f', 3)
                        .arg(run.seconds, 0, 'f', 1));
    });
    connect(jobs_, &JobController::jobFailed, this, [this](quint64 id, JobKind, const QString& text) {
        if (id == pending_) Q_EMIT failed(tr("Evaluation failed"), text);
    });
    connect(jobs_, &JobController::jobCancelled, this, [this](quint64 id) {
        if (id == pending_) Q_EMIT message(tr("Evaluation cancelled"));
    });
    updateButtons();
    showRequest();
    retranslate();
}

void EvaluationPage::showRequest() {
    const api::PerplexityRequest& r = document_->evaluationRequest();
    const QSignalBlocker b1(window_), b2(max_windows_), b3(protocol_);
    text_->setText(QString::fromStdString(r.text_path));
    window_->setValue(r.window);
    max_windows_->setValue(r.max_windows < 0 ? 0 : int(r.max_windows));
    protocol_->setCurrentIndex(std::max(0, protocol_->findData(int(r.protocol))));
    QStringList tasks;
    for (const std::string& t : r.zeroshot_tasks) tasks << QString::fromStdString(t);
    zeroshot_->setTasks(tasks);
}

void EvaluationPage::requestEdited() {
    api::PerplexityRequest r;
    r.text_path = text_->text().toStdString();
    r.window = window_->value();
    r.max_windows = max_windows_->value() == 0 ? -1 : max_windows_->value();
    r.protocol = PerplexityProtocol(protocol_->currentData().toInt());
    for (const QString& t : zeroshot_->tasks()) r.zeroshot_tasks.push_back(t.toStdString());
    document_->setEvaluationRequest(r);
}

void EvaluationPage::browseText() {
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Evaluation Text"), AppSettings::lastFolder(AppSettings::Folder::Text),
                                     tr("Text files (*.txt *.raw);;All files (*)"));
    if (file.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Text, file);
    text_->setText(file);
    requestEdited();
}

bool EvaluationPage::readyToEvaluate() {
    requestEdited();
    if (!document_->modelInfo() || jobs_->busy()) return false;
    if (document_->evaluationRequest().text_path.empty() && document_->evaluationRequest().zeroshot_tasks.empty()) {
        Q_EMIT failed(tr("Evaluation"), tr("Choose a text file or zero-shot task files to evaluate on."));
        return false;
    }
    submitted_ = document_->evaluationRequest();
    return true;
}

void EvaluationPage::evaluateOriginal() {
    if (readyToEvaluate()) pending_ = jobs_->evaluate(submitted_);
}

void EvaluationPage::evaluatePlan() {
    if (!document_->calibration()) {
        Q_EMIT failed(tr("Evaluation"), tr("Compressing needs a calibration: run or load one in step 2."));
        return;
    }
    if (!readyToEvaluate()) return;
    submitted_plan_ = document_->plan();
    pending_ = jobs_->evaluatePlan(submitted_plan_, submitted_);
}

void EvaluationPage::evaluateGrid() {
    if (!document_->calibration()) {
        Q_EMIT failed(tr("Evaluation"), tr("Compressing needs a calibration: run or load one in step 2."));
        return;
    }
    if (readyToEvaluate()) grid_->start(submitted_);
}

void EvaluationPage::addRun(api::RunRecord run, const QString& summary) {
    run.text_path = submitted_.text_path;
    run.window = submitted_.window;
    run.protocol = submitted_.protocol;
    run.device = document_->compute().device;
    run.dtype = document_->compute().dtype;
    run.finished_at = QDateTime::currentDateTime().toString(Qt::ISODate).toStdString();
    document_->addRun(run);
    Q_EMIT message(summary);
}

void EvaluationPage::updateButtons() {
    const bool ready = document_->modelInfo() && !jobs_->busy();
    run_original_->setEnabled(ready);
    run_->setEnabled(ready && document_->calibration());
}

QVector<int> EvaluationPage::selectedRows() const {
    QVector<int> rows;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows()) rows << proxy_->mapToSource(index).row();
    return rows;
}

void EvaluationPage::showTableMenu(const QPoint& pos) {
    const QModelIndex index = table_->indexAt(pos);
    QMenu menu(this);
    if (index.isValid()) {
        const int row = proxy_->mapToSource(index).row();
        menu.addAction(tr("Use as Reference for Δ PPL"), this, [this, row] { model_->setReference(row); });
    }
    if (model_->reference() >= 0) menu.addAction(tr("Clear Reference"), this, [this] { model_->setReference(-1); });
    menu.addSeparator();
    menu.addAction(tr("Remove Selected Runs"), this, [this] { document_->removeRuns(selectedRows()); });
    menu.exec(table_->viewport()->mapToGlobal(pos));
}

void EvaluationPage::updatePlot() {
    PlotData data;
    data.title = tr("Perplexity against compression ratio");
    data.x_label = tr("Compression ratio (%)");
    data.y_label = tr("Perplexity");
    data.log_y = true;
    QMap<QString, int> series_of;
    for (const api::RunRecord& run : document_->runs()) {
        if (!std::isfinite(run.ppl)) continue;  // a zero-shot-only run
        QString name = runMethodLabel(run);
        if (run.compressed && run.plan.method == Method::basis_sharing)
            name += QStringLiteral(", n = %1, α: ").arg(QString::fromStdString(groupSizeText(run.plan))) +
                    alphaLabel(run.plan.alpha);
        if (run.compressed && run.plan.updateKind() != UpdateKind::none)
            name += QStringLiteral(", ") + updateLabel(run.plan.updateKind());
        if (run.protocol != PerplexityProtocol::basislab)
            name += QStringLiteral(" [%1]").arg(QString::fromLatin1(basislab::name(run.protocol)));
        if (!series_of.contains(name)) {
            series_of[name] = int(data.series.size());
            PlotSeries s;
            s.name = name;
            s.style = PlotSeries::Style::LineAndMarkers;
            data.series.append(s);
        }
        PlotSeries& s = data.series[series_of[name]];
        s.x.append(100.0 * run.achieved_ratio);
        s.y.append(run.ppl);
    }
    plot_->setData(data);
}

void EvaluationPage::fillProtocols() {
    const QString tips[] = {
        tr("BasisLab's: [BOS] + W−1 text tokens per window, the remainder dropped, mean over all tokens"),
        tr("Basis Sharing's: one BOS at the start, windows of W tokens, a last partial window of 2 or more "
           "tokens kept, mean over windows of each window's mean loss"),
        tr("SVD-LLM's: one BOS at the start, windows of W tokens, the remainder dropped, mean over all tokens")};
    for (int i = 0; i < protocol_->count(); ++i) protocol_->setItemData(i, tips[i], Qt::ToolTipRole);
}

void EvaluationPage::exportTable(const QString& title, const QString& file_name, const QString& filter,
                                 const QString& text) {
    const QString path = QFileDialog::getSaveFileName(
        this, title, QDir(AppSettings::lastFolder(AppSettings::Folder::Export)).filePath(file_name), filter);
    if (path.isEmpty()) return;
    AppSettings::rememberFolder(AppSettings::Folder::Export, path);
    const QString error = writeTextFile(path, text);
    if (error.isEmpty())
        Q_EMIT message(tr("Runs written to %1").arg(path));
    else
        Q_EMIT failed(tr("Export"), error);
}

void EvaluationPage::exportCsv() {
    exportTable(tr("Export Runs as CSV"), QStringLiteral("runs.csv"), tr("CSV (*.csv)"), model_->toCsv());
}

void EvaluationPage::exportLatex() {
    exportTable(tr("Export Runs as LaTeX"), QStringLiteral("runs.tex"), tr("LaTeX (*.tex)"), model_->toLatex());
}

void EvaluationPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void EvaluationPage::retranslate() {
    settings_box_->setTitle(tr("Perplexity"));
    text_label_->setText(tr("Text:"));
    text_->setToolTip(tr("UTF-8 text file to measure perplexity on"));
    browse_->setText(tr("Browse…"));
    browse_->setToolTip(tr("Choose the evaluation text"));
    window_label_->setText(tr("Window:"));
    window_->setToolTip(tr("Tokens per window, including BOS (the README's perplexity protocol)"));
    max_windows_label_->setText(tr("Max windows:"));
    max_windows_->setSpecialValueText(tr("all"));
    max_windows_->setToolTip(tr("Evaluate only the first N windows (all: the whole text)"));
    protocol_label_->setText(tr("Protocol:"));
    protocol_->setToolTip(tr("How the text is cut into windows and the losses averaged (the README explains each)"));
    fillProtocols();
    run_->setText(tr("Evaluate Plan"));
    run_->setToolTip(
        tr("Compress the model with the current plan and measure its perplexity on the worker thread "
           "(Ctrl+E); the result becomes a row of the runs table"));
    run_original_->setText(tr("Evaluate Original"));
    run_original_->setToolTip(
        tr("Measure the perplexity of the uncompressed model (Ctrl+Alt+E), the reference "
           "for the compressed runs"));
    table_->setToolTip(tr("Every evaluation; click a header to sort, right-click to compare or remove"));
    export_csv_->setText(tr("CSV…"));
    export_csv_->setToolTip(tr("Export the runs table as CSV"));
    export_latex_->setText(tr("LaTeX…"));
    export_latex_->setToolTip(tr("Export the runs table as a LaTeX (booktabs) table"));
    remove_->setText(tr("Remove"));
    remove_->setToolTip(tr("Remove the selected runs"));
    plot_->setPlaceholder(tr("No runs yet: evaluate to see perplexity against compression ratio."));
    model_->retranslate();
    updatePlot();
}

}  // namespace basislab::gui
