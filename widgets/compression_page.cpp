#include "compression_page.h"

#include "api/plan_compare.h"
#include "job_controller.h"
#include "job_panel.h"
#include "plan_text.h"
#include "plot_view.h"
#include "text_format.h"
#include "workbench_document.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace basislab::gui {
namespace {
enum MergeId { kMergeRatio = 1, kMergePower = 2, kMergeGroup = 10 };
enum TypeColumn { kTypeName, kCompress, kShared, kGroupSize };
constexpr int kAllTypes = 0;  // index of "all compressed types" in the type combo

bool contains(const std::vector<MatrixType>& list, MatrixType t) {
    return std::find(list.begin(), list.end(), t) != list.end();
}

/// `list` with `t` in or out, in kMatrixTypes order.
std::vector<MatrixType> with(const std::vector<MatrixType>& list, MatrixType t, bool in) {
    std::vector<MatrixType> out;
    for (MatrixType u : kMatrixTypes)
        if (u == t ? in : contains(list, u)) out.push_back(u);
    return out;
}
}  // namespace

CompressionPage::CompressionPage(WorkbenchDocument* document, JobController* jobs, QWidget* parent)
    : QWidget(parent), document_(document), jobs_(jobs) {
    setObjectName(QStringLiteral("compressionPage"));
    plan_box_ = new QGroupBox;
    method_label_ = new QLabel;
    method_ = new QComboBox;
    method_->setObjectName(QStringLiteral("methodCombo"));
    for (Method m : kMethods) method_->addItem(QString(), QString::fromLatin1(name(m)));
    method_help_ = new QLabel;
    method_help_->setWordWrap(true);
    ratio_label_ = new QLabel;
    ratio_slider_ = new QSlider(Qt::Horizontal);
    ratio_slider_->setObjectName(QStringLiteral("ratioSlider"));
    ratio_slider_->setRange(0, 95);
    ratio_ = new QDoubleSpinBox;
    ratio_->setObjectName(QStringLiteral("ratioSpin"));
    ratio_->setRange(0, 95);
    ratio_->setDecimals(1);
    ratio_->setSingleStep(1);
    ratio_->setSuffix(QStringLiteral(" %"));

    types_ = new QTableWidget(int(kMatrixTypes.size()), 4);
    types_->setObjectName(QStringLiteral("typeTable"));
    types_->verticalHeader()->hide();
    types_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    types_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    types_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    for (int row = 0; row < types_->rowCount(); ++row) {
        auto* label = new QTableWidgetItem(QString::fromLatin1(name(kMatrixTypes[std::size_t(row)])));
        label->setFlags(Qt::ItemIsEnabled);
        types_->setItem(row, kTypeName, label);
        for (int column : {kCompress, kShared}) {
            auto* check = new QTableWidgetItem;
            check->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            types_->setItem(row, column, check);
        }
        auto* group = new QSpinBox;
        group->setObjectName(QStringLiteral("groupSize_%1").arg(QLatin1String(name(kMatrixTypes[std::size_t(row)]))));
        group->setRange(1, 1024);
        types_->setCellWidget(row, kGroupSize, group);
        connect(group, &QSpinBox::valueChanged, this, [this, row](int n) {
            CompressionPlan p = document_->plan();
            p.group_size[std::size_t(row)] = n;
            edit(p, tr("Change group size"), kMergeGroup + row);
        });
    }

    share_caveat_ = new QLabel;
    share_caveat_->setObjectName(QStringLiteral("shareCaveatLabel"));
    share_caveat_->setWordWrap(true);
    share_caveat_->setStyleSheet(QStringLiteral("color: #9a5b00;"));
    share_caveat_->setVisible(false);

    alpha_label_ = new QLabel;
    alpha_ = new QComboBox;
    alpha_->setObjectName(QStringLiteral("alphaCombo"));
    for (const AlphaFormInfo& f : alphaForms()) alpha_->addItem(QString(), QString::fromStdString(f.id));
    power_ = new QDoubleSpinBox;
    power_->setObjectName(QStringLiteral("alphaPowerSpin"));
    power_->setRange(-4, 4);
    power_->setDecimals(2);
    power_->setSingleStep(0.25);
    power_->setPrefix(QStringLiteral("p = "));
    alpha_help_ = new QLabel;
    alpha_help_->setObjectName(QStringLiteral("alphaHelpLabel"));
    alpha_help_->setWordWrap(true);
    update_label_ = new QLabel;
    update_ = new QComboBox;
    update_->setObjectName(QStringLiteral("updateCombo"));
    for (UpdateKind k : kUpdateKinds) update_->addItem(QString(), QString::fromLatin1(name(k)));
    update_help_ = new QLabel;
    update_help_->setObjectName(QStringLiteral("updateHelpLabel"));
    update_help_->setWordWrap(true);
    run_update_ = new QPushButton(QIcon(QStringLiteral(":/icons/run.svg")), QString());
    run_update_->setObjectName(QStringLiteral("runUpdateButton"));
    update_panel_ = new JobPanel(jobs_, {JobKind::UpdatePlan}, QStringLiteral("update"));

    auto* grid = new QGridLayout(plan_box_);
    grid->addWidget(method_label_, 0, 0);
    grid->addWidget(method_, 0, 1);
    grid->addWidget(method_help_, 1, 0, 1, 3);
    grid->addWidget(ratio_label_, 2, 0);
    auto* ratio_row = new QHBoxLayout;
    ratio_row->addWidget(ratio_slider_, 1);
    ratio_row->addWidget(ratio_);
    grid->addLayout(ratio_row, 2, 1, 1, 2);
    grid->addWidget(types_, 3, 0, 1, 3);
    grid->addWidget(share_caveat_, 4, 0, 1, 3);
    grid->addWidget(alpha_label_, 5, 0);
    auto* alpha_row = new QHBoxLayout;
    alpha_row->addWidget(alpha_, 1);
    alpha_row->addWidget(power_);
    grid->addLayout(alpha_row, 5, 1, 1, 2);
    grid->addWidget(alpha_help_, 6, 0, 1, 3);
    grid->addWidget(update_label_, 7, 0);
    grid->addWidget(update_, 7, 1, 1, 2);
    grid->addWidget(update_help_, 8, 0, 1, 3);
    grid->addWidget(run_update_, 9, 0, 1, 3);
    grid->addWidget(update_panel_, 10, 0, 1, 3);
    allocation_label_ = new QLabel;
    allocation_ = new QComboBox;
    allocation_->setObjectName(QStringLiteral("allocationCombo"));
    for (Allocation a : {Allocation::uniform, Allocation::error})
        allocation_->addItem(QString(), QString::fromLatin1(name(a)));
    allocation_help_ = new QLabel;
    allocation_help_->setObjectName(QStringLiteral("allocationHelpLabel"));
    allocation_help_->setWordWrap(true);
    grid->addWidget(allocation_label_, 11, 0);
    grid->addWidget(allocation_, 11, 1, 1, 2);
    grid->addWidget(allocation_help_, 12, 0, 1, 3);
    grid->setRowStretch(13, 1);
    plan_box_->setMaximumWidth(460);

    result_ = new QLabel;
    result_->setObjectName(QStringLiteral("compressionResultLabel"));
    result_->setWordWrap(true);
    warnings_ = new QLabel;
    warnings_->setObjectName(QStringLiteral("compressionWarningsLabel"));
    warnings_->setWordWrap(true);
    warnings_->setStyleSheet(QStringLiteral("color: #9a5b00;"));
    measure_label_ = new QLabel;
    measure_ = new QComboBox;
    measure_->setObjectName(QStringLiteral("errorMeasureCombo"));
    measure_->addItems({QString(), QString()});
    type_label_ = new QLabel;
    type_ = new QComboBox;
    type_->setObjectName(QStringLiteral("errorTypeCombo"));
    type_->addItem(QString());
    for (MatrixType t : kMatrixTypes) type_->addItem(QString::fromLatin1(name(t)));
    plot_ = new PlotView(QStringLiteral("errors"));
    rank_plot_ = new PlotView(QStringLiteral("ranks"));
    auto* plot_controls = new QHBoxLayout;
    plot_controls->addWidget(measure_label_);
    plot_controls->addWidget(measure_);
    plot_controls->addSpacing(16);
    plot_controls->addWidget(type_label_);
    plot_controls->addWidget(type_);
    plot_controls->addStretch(1);
    auto* right = new QVBoxLayout;
    right->addLayout(plot_controls);
    auto* plots = new QHBoxLayout;
    plots->addWidget(plot_, 3);
    plots->addWidget(rank_plot_, 2);
    right->addLayout(plots, 1);
    right->addWidget(result_);
    right->addWidget(warnings_);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(plan_box_);
    layout->addLayout(right, 1);

    connect(method_, &QComboBox::activated, this, &CompressionPage::methodChosen);
    connect(ratio_slider_, &QSlider::valueChanged, this, [this](int v) { ratioChosen(v, true); });
    connect(ratio_, &QDoubleSpinBox::valueChanged, this, [this](double v) { ratioChosen(v, false); });
    connect(types_, &QTableWidget::cellChanged, this, &CompressionPage::typeEdited);
    connect(alpha_, &QComboBox::activated, this, &CompressionPage::alphaChosen);
    connect(power_, &QDoubleSpinBox::valueChanged, this, &CompressionPage::alphaChosen);
    connect(update_, &QComboBox::activated, this, &CompressionPage::updateChosen);
    connect(run_update_, &QPushButton::clicked, this, &CompressionPage::runUpdate);
    connect(jobs_, &JobController::planUpdated, this, [this](quint64 id, const ReportPtr& report) {
        if (id != update_job_) return;
        updated_ = report;
        Q_EMIT message(tr("Update (%1): mean output error %2 → %3")
                           .arg(updateLabel(report->plan.update))
                           .arg(report->meanOutputError(false), 0, 'g', 4)
                           .arg(report->meanOutputError(true), 0, 'g', 4));
        updatePlot();
    });
    connect(jobs_, &JobController::jobFailed, this, [this](quint64 id, JobKind, const QString& text) {
        if (id == update_job_) warnings_->setText(tr("Update failed: %1").arg(text));
    });
    connect(allocation_, &QComboBox::activated, this, &CompressionPage::allocationChosen);
    connect(measure_, &QComboBox::currentIndexChanged, this, &CompressionPage::updatePlot);
    connect(type_, &QComboBox::currentIndexChanged, this, &CompressionPage::updatePlot);
    connect(document_, &WorkbenchDocument::planChanged, this, &CompressionPage::showPlan);
    connect(document_, &WorkbenchDocument::planChanged, this, &CompressionPage::requestPreview);
    connect(document_, &WorkbenchDocument::calibrationChanged, this, &CompressionPage::requestPreview);
    connect(document_, &WorkbenchDocument::modelChanged, this, &CompressionPage::requestPreview);
    connect(jobs_, &JobController::previewReady, this, &CompressionPage::previewArrived);
    connect(jobs_, &JobController::previewFailed, this, [this](quint64, const QString& text) {
        preview_.reset();
        warnings_->setText(tr("Preview failed: %1").arg(text));
        updatePlot();
    });
    showPlan();
    retranslate();
}

void CompressionPage::edit(const CompressionPlan& plan, const QString& text, int merge_id) {
    document_->editPlan(plan, text, merge_id);
}

void CompressionPage::showPlan() {
    const CompressionPlan& p = document_->plan();
    const QSignalBlocker b1(method_), b2(ratio_slider_), b3(ratio_), b4(types_), b5(alpha_), b6(power_), b7(update_),
        b8(allocation_);
    method_->setCurrentIndex(method_->findData(QString::fromLatin1(name(p.method))));
    method_help_->setText(methodExplanation(p.method));
    ratio_slider_->setValue(int(std::lround(100 * p.ratio)));
    ratio_->setValue(100 * p.ratio);
    const bool sharing = p.method == Method::basis_sharing;
    for (int row = 0; row < types_->rowCount(); ++row) {
        const MatrixType t = kMatrixTypes[std::size_t(row)];
        types_->item(row, kCompress)->setCheckState(p.compresses(t) ? Qt::Checked : Qt::Unchecked);
        QTableWidgetItem* shared = types_->item(row, kShared);
        shared->setCheckState(contains(p.shared, t) ? Qt::Checked : Qt::Unchecked);
        shared->setFlags(sharing && p.compresses(t) ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable
                                                    : Qt::ItemIsUserCheckable);
        auto* group = static_cast<QSpinBox*>(types_->cellWidget(row, kGroupSize));
        const QSignalBlocker block(group);
        group->setValue(p.group_size[std::size_t(row)]);
        group->setEnabled(p.shares(t) && p.compresses(t));
    }
    QStringList caveats;
    for (const MatrixType t : {MatrixType::o, MatrixType::down})
        if (sharing && p.compresses(t) && p.shares(t)) caveats << sharingCaveatText(t);
    share_caveat_->setText(caveats.join(QLatin1Char('\n')));
    share_caveat_->setVisible(!caveats.isEmpty());
    alpha_->setCurrentIndex(std::max(0, alpha_->findData(QString::fromStdString(alphaFormId(p.alpha)))));
    alpha_->setEnabled(sharing);
    power_->setVisible(p.alpha.kind == AlphaForm::Kind::power);
    power_->setValue(p.alpha.p);
    alpha_help_->setText(alphaFormExplanation(alphaFormId(p.alpha)));
    update_->setCurrentIndex(std::max(0, update_->findData(QString::fromLatin1(name(p.updateKind())))));
    update_help_->setText(updateExplanationText(p.updateKind()));
    run_update_->setEnabled(p.streamsUpdate());
    allocation_->setCurrentIndex(std::max(0, allocation_->findData(QString::fromLatin1(name(p.allocation)))));
    allocation_help_->setText(allocationExplanation(p.allocation));
}

void CompressionPage::allocationChosen() {
    const auto allocation = parseAllocation(allocation_->currentData().toString().toStdString());
    if (!allocation) return;
    CompressionPlan p = document_->plan();
    p.allocation = *allocation;
    edit(p, tr("Allocate ranks: %1").arg(allocationLabel(*allocation)));
}

void CompressionPage::updateChosen() {
    const auto kind = parseUpdateKind(update_->currentData().toString().toStdString());
    if (!kind) return;
    CompressionPlan p = document_->plan();
    p.setUpdate(*kind);
    edit(p, tr("Change update to %1").arg(updateLabel(*kind)));
}

void CompressionPage::runUpdate() {
    const CompressionPlan& p = document_->plan();
    if (!p.streamsUpdate()) return;
    if (!document_->modelInfo() || !document_->calibration()) {
        warnings_->setText(tr("The update needs a model and a calibration (steps 1 and 2)."));
        return;
    }
    updated_.reset();
    updatePlot();
    update_job_ = jobs_->updatePlan(p);
}

void CompressionPage::methodChosen() {
    const auto method = parseMethod(method_->currentData().toString().toStdString());
    if (!method) return;
    CompressionPlan p = document_->plan();
    p.method = *method;
    edit(p, tr("Change method to %1").arg(methodLabel(*method)));
}

void CompressionPage::ratioChosen(double percent, bool from_slider) {
    CompressionPlan p = document_->plan();
    p.ratio = percent / 100.0;
    if (from_slider && std::abs(100 * document_->plan().ratio - percent) < 0.5) return;  // the slider rounds
    edit(p, tr("Change ratio"), kMergeRatio);
}

void CompressionPage::alphaChosen() {
    CompressionPlan p = document_->plan();
    std::string id = alpha_->currentData().toString().toStdString();
    if (id == "power:p") id = "power:" + QString::number(power_->value()).toStdString();
    try {
        p.alpha = AlphaForm::parse(id);
    } catch (const std::exception& e) {
        Q_EMIT message(QString::fromStdString(e.what()));
        return;
    }
    edit(p, tr("Change α form"), sender() == power_ ? kMergePower : -1);
}

void CompressionPage::typeEdited(int row, int column) {
    if (column != kCompress && column != kShared) return;
    const MatrixType t = kMatrixTypes[std::size_t(row)];
    const bool on = types_->item(row, column)->checkState() == Qt::Checked;
    CompressionPlan p = document_->plan();
    if (column == kCompress)
        p.types = with(p.types, t, on);
    else
        p.shared = with(p.shared, t, on);
    edit(p, column == kCompress ? tr("Change compressed types") : tr("Change shared types"));
}

void CompressionPage::requestPreview() {
    if (!document_->modelInfo() || !document_->calibration()) {
        preview_.reset();
        updatePlot();
        return;
    }
    try {
        document_->plan().validate(&document_->modelInfo()->config);
    } catch (const std::exception& e) {
        warnings_->setText(QString::fromStdString(e.what()));
        return;
    }
    preview_clock_.start();
    jobs_->preview(document_->plan());
    result_->setText(tr("Computing the preview…"));
}

void CompressionPage::previewArrived(quint64, const PreviewPtr& preview) {
    preview_ = preview;
    const CompressionReport& r = preview->plan;
    result_->setText(tr("Achieved ratio %1 of the compressed matrices · model %2 → %3 parameters (%4 smaller) · "
                        "preview in %5 ms")
                         .arg(formatPercent(r.achieved_ratio), formatCount(r.model_params),
                              formatCount(r.model_params_after), formatPercent(r.achieved_ratio_model))
                         .arg(preview_clock_.elapsed()));
    if (r.plan.allocation != Allocation::uniform && r.allocation.objective >= 0)
        result_->setText(result_->text() + QLatin1Char('\n') +
                         tr("Allocated ranks: summed squared whitened error %1 (uniform ranks: %2)")
                             .arg(r.allocation.objective, 0, 'g', 4)
                             .arg(r.allocation.uniform_objective, 0, 'g', 4));
    QStringList lines;
    for (const std::string& w : r.warnings) lines << QString::fromStdString(w);
    warnings_->setText(lines.mid(0, 3).join(QLatin1Char('\n')));
    updatePlot();
}

void CompressionPage::updatePlot() {
    if (!preview_) {
        plot_->setData(PlotData{});
        rank_plot_->setData(PlotData{});
        return;
    }
    const bool whitened = measure_->currentIndex() == 0;
    const int type_index = type_->currentIndex();
    const auto series = [&](const CompressionReport& report, const QString& title) {
        PlotSeries s;
        s.name = title;
        std::map<int, std::pair<double, int>> by_layer;  // layer -> (sum, count)
        for (const LayerReport& l : report.layers) {
            if (type_index != kAllTypes && l.type != kMatrixTypes[std::size_t(type_index - 1)]) continue;
            auto& [sum, count] = by_layer[l.layer];
            sum += whitened ? l.whitened_error : l.frobenius_error;
            ++count;
        }
        for (const auto& [layer, acc] : by_layer) {
            s.x.append(layer);
            s.y.append(acc.first / acc.second);
        }
        return s;
    };
    PlotData data;
    data.title = tr("Reconstruction error per layer");
    data.x_label = tr("Layer");
    data.y_label = whitened ? tr("Relative whitened error") : tr("Relative Frobenius error");
    data.integer_x = true;
    PlotSeries plan = series(preview_->plan, tr("This plan: %1").arg(methodLabel(preview_->plan.plan.method)));
    if (preview_->plan.plan.method == Method::basis_sharing)
        plan.name = tr("This plan: α %1").arg(alphaLabel(preview_->plan.plan.alpha));
    PlotSeries base = series(preview_->baseline, tr("Plain Basis Sharing"));
    base.dashed = true;
    base.color = 7;
    data.series = {plan, base};
    // A finished update of this very plan: sqrt of its output errors, which with X' = X and the
    // factorization's coefficients would equal the whitened error plotted above.
    if (whitened && updated_ && api::samePlan(updated_->plan, document_->plan())) {
        const auto output = [&](bool after, const QString& title) {
            PlotSeries s;
            s.name = title;
            std::map<int, std::pair<double, int>> by_layer;
            for (const LayerReport& l : updated_->layers) {
                if (type_index != kAllTypes && l.type != kMatrixTypes[std::size_t(type_index - 1)]) continue;
                const double e = after ? l.output_error_after : l.output_error_before;
                if (e < 0) continue;
                auto& [sum, count] = by_layer[l.layer];
                sum += std::sqrt(e);
                ++count;
            }
            for (const auto& [layer, acc] : by_layer) {
                s.x.append(layer);
                s.y.append(acc.first / acc.second);
            }
            return s;
        };
        const QString kind = updateLabel(updated_->plan.update);
        PlotSeries before = output(false, tr("√ output error on deviated inputs, before the update"));
        before.dashed = true;
        before.color = 3;
        PlotSeries after = output(true, tr("√ output error after the update (%1)").arg(kind));
        after.color = 2;
        data.series.push_back(before);
        data.series.push_back(after);
    }
    plot_->setData(data);

    // Ranks: one series per compressed type (the rank of the group holding each layer); with one
    // type chosen, its allocated ranks against the uniform ones.
    PlotData ranks;
    ranks.title = tr("Rank per layer");
    ranks.x_label = tr("Layer");
    ranks.y_label = tr("Rank");
    ranks.integer_x = true;
    const CompressionReport& r = preview_->plan;
    for (MatrixType t : kMatrixTypes) {
        if (!r.plan.compresses(t)) continue;
        if (type_index != kAllTypes && t != kMatrixTypes[std::size_t(type_index - 1)]) continue;
        PlotSeries s, u;
        s.name = QString::fromLatin1(name(t));
        s.color = int(t);
        u.name = tr("%1 uniform").arg(QLatin1String(name(t)));
        u.color = int(t);
        u.dashed = true;
        std::map<int, std::pair<std::int64_t, std::int64_t>> by_layer;
        for (const GroupReport& g : r.groups)
            if (g.type == t)
                for (int l : g.layers) by_layer[l] = {g.rank, g.uniform_rank};
        for (const auto& [layer, k] : by_layer) {
            s.x.append(layer);
            s.y.append(double(k.first));
            u.x.append(layer);
            u.y.append(double(k.second));
        }
        ranks.series.append(s);
        if (type_index != kAllTypes) ranks.series.append(u);
    }
    rank_plot_->setData(ranks);
}

void CompressionPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void CompressionPage::retranslate() {
    plan_box_->setTitle(tr("Plan"));
    method_label_->setText(tr("Method:"));
    for (int i = 0; i < method_->count(); ++i) method_->setItemText(i, methodLabel(kMethods[std::size_t(i)]));
    method_->setToolTip(tr("How each group of weights is factorized"));
    ratio_label_->setText(tr("Ratio:"));
    ratio_slider_->setToolTip(tr("Compression ratio: the fraction of the compressed matrices' parameters removed"));
    ratio_->setToolTip(ratio_slider_->toolTip());
    types_->setHorizontalHeaderLabels({tr("Matrix"), tr("Compress"), tr("Shared"), tr("Layers per group")});
    types_->setToolTip(
        tr("Which matrix types are compressed, which share one basis across consecutive layers, "
           "and how many layers share it"));
    for (int row = 0; row < types_->rowCount(); ++row) {
        const MatrixType t = kMatrixTypes[std::size_t(row)];
        const QString type = QString::fromLatin1(name(t));
        types_->item(row, kCompress)->setToolTip(tr("Compress the %1 matrices").arg(type));
        const QString caveat = sharingCaveatText(t);
        types_->item(row, kShared)
            ->setToolTip(caveat.isEmpty() ? tr("Share one basis for %1 across consecutive layers").arg(type) : caveat);
        types_->cellWidget(row, kGroupSize)
            ->setToolTip(
                tr("How many consecutive layers share one basis for %1 (the last group may be smaller)").arg(type));
    }
    alpha_label_->setText(tr("α form:"));
    for (int i = 0; i < alpha_->count(); ++i)
        alpha_->setItemText(i, alphaFormLabel(alpha_->itemData(i).toString().toStdString()));
    alpha_->setToolTip(
        tr("Input scale calibration: how the layers of a shared group are weighted in the group's "
           "Gram"));
    power_->setToolTip(tr("The exponent p of the trace power form tr(G)^-p"));
    update_label_->setText(tr("Update:"));
    for (int i = 0; i < update_->count(); ++i) update_->setItemText(i, updateLabel(kUpdateKinds[std::size_t(i)]));
    update_->setToolTip(tr("How each layer's coefficients C_l are fitted once its basis is fixed"));
    run_update_->setText(tr("Run Update"));
    run_update_->setToolTip(
        tr("Stream the calibration windows through the original and the compressed model and update the "
           "coefficients; the output errors are drawn over the preview"));
    allocation_label_->setText(tr("Ranks:"));
    for (int i = 0; i < allocation_->count(); ++i)
        allocation_->setItemText(
            i, allocationLabel(parseAllocation(allocation_->itemData(i).toString().toStdString()).value()));
    allocation_->setToolTip(tr("How the parameter budget is spread over the groups and matrix types"));
    measure_label_->setText(tr("Error:"));
    measure_->setItemText(0, tr("whitened (output error on the calibration data)"));
    measure_->setItemText(1, tr("Frobenius (weight error)"));
    measure_->setToolTip(tr("Whitened: ‖(W − Ŵ)ᵀX‖ relative to ‖WᵀX‖; Frobenius: ‖W − Ŵ‖ relative to ‖W‖"));
    type_label_->setText(tr("Matrix:"));
    type_->setItemText(kAllTypes, tr("all compressed (mean)"));
    type_->setToolTip(tr("Which matrix type's error to plot"));
    plot_->setPlaceholder(tr("The live error preview needs a model and a calibration (steps 1 and 2)."));
    rank_plot_->setPlaceholder(tr("The ranks appear once the groups are factorised."));
    showPlan();
    updatePlot();
    if (!preview_) result_->clear();
}

}  // namespace basislab::gui
