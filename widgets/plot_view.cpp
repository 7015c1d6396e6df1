#include "plot_view.h"

#include "export_dialog.h"
#include "plot_render.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QStackedLayout>
#include <QToolButton>
#include <QVBoxLayout>
#include "qcustomplot_include.h"

namespace basislab::gui {

PlotView::PlotView(const QString& figure_id, QWidget* parent)
    : QWidget(parent), figure_id_(figure_id), plot_(new QCustomPlot), placeholder_(new QLabel) {
    setObjectName(figure_id + QStringLiteral("Plot"));
    plot_->setObjectName(figure_id + QStringLiteral("Canvas"));
    plot_->setMinimumSize(260, 180);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setStyleSheet(QStringLiteral("color: palette(mid); padding: 24px;"));

    export_action_ = new QAction(this);
    copy_action_ = new QAction(this);
    reset_action_ = new QAction(this);
    connect(export_action_, &QAction::triggered, this, &PlotView::exportWithDialog);
    connect(copy_action_, &QAction::triggered, this, &PlotView::copyImage);
    connect(reset_action_, &QAction::triggered, this, &PlotView::resetView);
    auto* menu = new QMenu(this);
    menu->addAction(export_action_);
    menu->addAction(copy_action_);
    menu->addSeparator();
    menu->addAction(reset_action_);

    menu_button_ = new QToolButton;
    menu_button_->setObjectName(figure_id + QStringLiteral("ExportButton"));
    menu_button_->setPopupMode(QToolButton::InstantPopup);
    menu_button_->setMenu(menu);
    menu_button_->setAutoRaise(true);
    menu_button_->setIcon(QIcon(QStringLiteral(":/icons/export.svg")));
    menu_button_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this,
            [this, menu](const QPoint& pos) { menu->popup(plot_->mapToGlobal(pos)); });

    auto* canvas = new QWidget;
    stack_ = new QStackedLayout(canvas);
    stack_->addWidget(plot_);
    stack_->addWidget(placeholder_);
    stack_->setCurrentWidget(placeholder_);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addStretch(1);
    top->addWidget(menu_button_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(canvas, 1);
    retranslate();
}

void PlotView::setData(const PlotData& data) {
    data_ = data;
    PlotStyle style;
    renderPlot(*plot_, data_, style);
    plot_->replot();
    const bool empty = data_.isEmpty();
    stack_->setCurrentWidget(empty ? static_cast<QWidget*>(placeholder_) : plot_);
    menu_button_->setEnabled(!empty);
    Q_EMIT dataChanged();
}

void PlotView::setPlaceholder(const QString& text) {
    placeholder_->setText(text);
}

void PlotView::exportWithDialog() {
    ExportDialog dialog(figure_id_, this);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString error = dialog.csv() ? writeTextFile(dialog.path(), toCsv(data_))
                                       : exportFigure(data_, dialog.options(), dialog.format(), dialog.path());
    if (error.isEmpty())
        Q_EMIT exported(dialog.path());
    else
        Q_EMIT exportFailed(error);
}

void PlotView::copyImage() {
    QApplication::clipboard()->setPixmap(plot_->toPixmap());
}

void PlotView::resetView() {
    setData(data_);
}

void PlotView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void PlotView::retranslate() {
    menu_button_->setText(tr("Export"));
    menu_button_->setToolTip(tr("Export this plot as a figure (PDF, SVG, PNG) or its data as CSV"));
    export_action_->setText(tr("Export Figure or Data…"));
    copy_action_->setText(tr("Copy Image"));
    reset_action_->setText(tr("Reset View"));
    plot_->setToolTip(tr("Drag to pan, scroll to zoom; right-click for export"));
}

}  // namespace basislab::gui
