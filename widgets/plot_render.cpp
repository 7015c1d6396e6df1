#include "plot_render.h"

#include "qcustomplot_include.h"

#include <cmath>
#include <limits>

namespace basislab::gui {
namespace {

void removeTitle(QCustomPlot& plot) {
    QCPLayoutGrid* layout = plot.plotLayout();
    if (layout->rowCount() > 1 && qobject_cast<QCPTextElement*>(layout->element(0, 0))) {
        layout->removeAt(layout->rowColToIndex(0, 0));
        layout->simplify();
    }
}

void styleAxis(QCPAxis* axis, const PlotStyle& style, const QFont& font) {
    const QColor ink = style.publication ? Qt::black : QColor(40, 40, 40);
    const double w = style.publication ? 0.5 : 1.0;
    axis->setBasePen(QPen(ink, w));
    axis->setTickPen(QPen(ink, w));
    axis->setSubTickPen(QPen(ink, w * 0.7));
    axis->setLabelFont(font);
    axis->setTickLabelFont(font);
    axis->setLabelColor(ink);
    axis->setTickLabelColor(ink);
    axis->setSelectableParts(QCPAxis::spNone);
    axis->grid()->setVisible(true);
    axis->grid()->setPen(QPen(QColor(215, 215, 215), style.publication ? 0.25 : 1.0, Qt::DotLine));
    axis->grid()->setSubGridVisible(false);
    axis->grid()->setZeroLinePen(Qt::NoPen);
}

void setTickers(QCustomPlot& plot, const PlotData& data) {
    if (data.log_y) {
        plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
        plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        plot.yAxis->setNumberFormat(QStringLiteral("eb"));
        plot.yAxis->setNumberPrecision(0);
    } else {
        plot.yAxis->setScaleType(QCPAxis::stLinear);
        plot.yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        plot.yAxis->setNumberFormat(QStringLiteral("g"));
        plot.yAxis->setNumberPrecision(4);
    }
    if (data.integer_x) {
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        plot.xAxis->setTicker(ticker);
    } else {
        plot.xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
}

void addSeries(QCustomPlot& plot, const PlotData& data, const PlotStyle& style) {
    for (int k = 0; k < data.series.size(); ++k) {
        const PlotSeries& s = data.series[k];
        QVector<double> x, y;
        for (int i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i]) || (data.log_y && s.y[i] <= 0)) continue;
            x.append(s.x[i]);
            y.append(s.y[i]);
        }
        QCPGraph* graph = plot.addGraph();
        graph->setName(s.name);
        graph->setData(x, y);
        const QColor color = seriesColor(s.color >= 0 ? s.color : k);
        graph->setPen(QPen(color, style.line_width, s.dashed ? Qt::DashLine : Qt::SolidLine));
        const double marker = style.publication ? 3.5 : 6.0;
        if (s.style == PlotSeries::Style::Line)
            graph->setScatterStyle(QCPScatterStyle::ssNone);
        else
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, marker));
        if (s.style == PlotSeries::Style::Markers) graph->setLineStyle(QCPGraph::lsNone);
        graph->setSelectable(QCP::stNone);
    }
}

void fitRanges(QCustomPlot& plot, const PlotData& data) {
    plot.rescaleAxes();
    QCPRange xr = plot.xAxis->range(), yr = plot.yAxis->range();
    if (xr.size() <= 0)
        xr = QCPRange(xr.lower - 1, xr.upper + 1);
    else
        xr = QCPRange(xr.lower - 0.04 * xr.size(), xr.upper + 0.04 * xr.size());
    if (data.log_y) {
        if (yr.lower <= 0 || yr.upper <= 0) yr = QCPRange(0.1, 10);
        const double pad = std::pow(yr.upper / yr.lower, 0.05);
        yr = QCPRange(yr.lower / std::max(pad, 1.5), yr.upper * std::max(pad, 1.5));
    } else if (yr.size() <= 0) {
        const double m = std::abs(yr.lower) > 0 ? std::abs(yr.lower) * 0.1 : 1.0;
        yr = QCPRange(yr.lower - m, yr.upper + m);
    } else {
        yr = QCPRange(yr.lower - 0.06 * yr.size(), yr.upper + 0.06 * yr.size());
    }
    plot.xAxis->setRange(xr);
    plot.yAxis->setRange(yr);
}

}  // namespace

QColor seriesColor(int index) {
    static const QColor palette[] = {QColor(0, 114, 178),   QColor(213, 94, 0),   QColor(0, 158, 115),
                                     QColor(204, 121, 167), QColor(230, 159, 0),  QColor(86, 180, 233),
                                     QColor(0, 0, 0),       QColor(150, 150, 150)};
    const int n = int(sizeof palette / sizeof palette[0]);
    return palette[((index % n) + n) % n];
}

void renderPlot(QCustomPlot& plot, const PlotData& data, const PlotStyle& style) {
    plot.clearPlottables();
    plot.clearItems();
    removeTitle(plot);

    QFont font = plot.font();
    if (style.font_units > 0) font.setPixelSize(style.font_units);
    QFont title_font = font;
    title_font.setBold(true);
    if (style.font_units > 0) title_font.setPixelSize(int(std::lround(style.font_units * 1.15)));

    plot.setBackground(Qt::white);
    plot.setInteractions(style.publication ? QCP::Interactions() : QCP::iRangeDrag | QCP::iRangeZoom);
    if (!style.publication && !data.title.isEmpty()) {
        plot.plotLayout()->insertRow(0);
        plot.plotLayout()->addElement(0, 0, new QCPTextElement(&plot, data.title, title_font));
    }
    for (QCPAxis* axis : {plot.xAxis, plot.yAxis}) styleAxis(axis, style, font);
    plot.xAxis->setLabel(data.x_label);
    plot.yAxis->setLabel(data.y_label);
    setTickers(plot, data);
    addSeries(plot, data, style);

    plot.legend->setVisible(data.series.size() > 1);
    plot.legend->setFont(font);
    plot.legend->setBrush(QColor(255, 255, 255, style.publication ? 255 : 220));
    plot.legend->setBorderPen(QPen(QColor(160, 160, 160), style.publication ? 0.4 : 1.0));
    plot.legend->setSelectableParts(QCPLegend::spNone);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    fitRanges(plot, data);
}

}  // namespace basislab::gui
