// A plot of the workbench: QCustomPlot showing a PlotData, with a placeholder while it has no
// data, and an Export menu (figure as PDF/SVG/PNG, data as CSV, copy image). Every plot has a
// figure id ("input_scale", "spectrum", ...) used for file names and by --export-figures.
#pragma once

#include "plot_data.h"

#include <QWidget>

class QCustomPlot;
class QLabel;
class QStackedLayout;
class QToolButton;
class QAction;

namespace basislab::gui {

class PlotView : public QWidget {
    Q_OBJECT
public:
    explicit PlotView(const QString& figure_id, QWidget* parent = nullptr);

    const QString& figureId() const { return figure_id_; }
    const PlotData& data() const { return data_; }
    void setData(const PlotData& data);
    /// Text shown instead of the plot while it has no data.
    void setPlaceholder(const QString& text);
    QCustomPlot* plot() const { return plot_; }

public Q_SLOTS:
    void exportWithDialog();
    void copyImage();
    void resetView();

Q_SIGNALS:
    void dataChanged();
    void exported(const QString& path);
    void exportFailed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QString figure_id_;
    PlotData data_;
    QCustomPlot* plot_;
    QLabel* placeholder_;
    QStackedLayout* stack_;
    QToolButton* menu_button_;
    QAction* export_action_;
    QAction* copy_action_;
    QAction* reset_action_;
};

}  // namespace basislab::gui
