#include "plot_render.h"

#include "qcustomplot_include.h"

#include <algorithm>
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

/// Log-axis ticks that stay readable over short ranges: powers of ten over several decades (as
/// QCPAxisTickerLog), but 1-2-5 steps (or 1-1.5-2-3-5-7) within a decade or two, so a curve between
/// 2 and 10 gets labels at 2, 3, 5, 7, 10 instead of a single one.
class ReadableLogTicker : public QCPAxisTickerLog {
protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
        if (range.lower <= 0 || range.upper / range.lower > 1000)
            return QCPAxisTickerLog::createTickVector(tickStep, range);
        const bool short_range = range.upper / range.lower < 12;
        const QVector<double> mantissas = short_range ? QVector<double>{1, 1.5, 2, 3, 5, 7} : QVector<double>{1, 2, 5};
        QVector<double> ticks;
        for (int e = int(std::floor(std::log10(range.lower))) - 1; e <= int(std::ceil(std::log10(range.upper))); ++e)
            for (double m : mantissas) {
                const double v = m * std::pow(10.0, e);
                if (v >= range.lower * 0.999 && v <= range.upper * 1.001) ticks.append(v);
            }
        if (ticks.size() < 2) return QCPAxisTickerLog::createTickVector(tickStep, range);
        return ticks;
    }
};

void setTickers(QCustomPlot& plot, const PlotData& data) {
    if (data.log_y) {
        plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
        plot.yAxis->setTicker(QSharedPointer<ReadableLogTicker>::create());
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

/// Number format of the y axis once its range is known: plain numbers for a log axis spanning less
/// than three decades (ticks such as 3, 5, 8, 10), powers of ten beyond.
void setYNumberFormat(QCustomPlot& plot, const PlotData& data) {
    const QCPRange r = plot.yAxis->range();
    if (data.log_y && r.lower > 0 && r.upper / r.lower > 1000) {
        plot.yAxis->setNumberFormat(QStringLiteral("eb"));
        plot.yAxis->setNumberPrecision(0);
    } else {
        plot.yAxis->setNumberFormat(QStringLiteral("g"));
        plot.yAxis->setNumberPrecision(data.log_y ? 3 : 4);
    }
}

/// The corner of the axis rect with the fewest data points (top right on a tie), for the legend.
Qt::Alignment emptiestCorner(const QCustomPlot& plot, const PlotData& data) {
    const QCPRange xr = plot.xAxis->range(), yr = plot.yAxis->range();
    const auto fraction = [](double v, double lo, double hi, bool log) {
        if (log) return (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo));
        return (v - lo) / (hi - lo);
    };
    int count[4] = {0, 0, 0, 0};  // top right, top left, bottom right, bottom left
    for (const PlotSeries& s : data.series)
        for (int i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            if (!std::isfinite(s.y[i]) || (data.log_y && s.y[i] <= 0)) continue;
            const double fx = fraction(s.x[i], xr.lower, xr.upper, false);
            const double fy = fraction(s.y[i], yr.lower, yr.upper, data.log_y);
            // The legend covers roughly the outer 45 % of the rect in x and 40 % in y.
            const bool right = fx > 0.55, left = fx<0.45, top = fy> 0.6, bottom = fy < 0.4;
            count[0] += right && top;
            count[1] += left && top;
            count[2] += right && bottom;
            count[3] += left && bottom;
        }
    const Qt::Alignment corners[4] = {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
                                      Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft};
    return corners[std::min_element(count, count + 4) - count];
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
        const double pad = std::max(1.02, std::pow(yr.upper / yr.lower, 0.06));
        yr = QCPRange(yr.lower / pad, yr.upper * pad);
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
    if (style.font_units > 0) {
        QFont legend_font = font;
        legend_font.setPixelSize(std::max(4, int(std::lround(style.font_units * 0.9))));
        plot.legend->setFont(legend_font);
        plot.legend->setIconSize(QSize(2 * style.font_units, style.font_units));
        plot.legend->setRowSpacing(0);
    }
    fitRanges(plot, data);
    setYNumberFormat(plot, data);
    plot.axisRect()->insetLayout()->setInsetAlignment(0, emptiestCorner(plot, data));
}

}  // namespace basislab::gui
