// What a plot shows, independent of how it is drawn: titled axes and named series of (x, y)
// points. PlotView draws it on screen, plot_export writes it as PDF/SVG/PNG, and toCsv() writes its
// data. Tests read it to check what a plot shows.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace basislab::gui {

struct PlotSeries {
    enum class Style { Line, LineAndMarkers, Markers };
    QString name;
    QVector<double> x;
    QVector<double> y;
    Style style = Style::LineAndMarkers;
    bool dashed = false;  // e.g. a baseline overlaid on the main series
    int color = -1;  // index into the palette; -1 = the series' position
};

struct PlotData {
    QString title;
    QString x_label;
    QString y_label;
    bool log_y = false;
    bool integer_x = false;  // x is a layer index or a count: integer ticks
    QVector<PlotSeries> series;

    bool isEmpty() const;
};

/// CSV with a header: "x,<series 1>,<series 2>,..." when every series has the same x values,
/// otherwise a pair of columns "<name> x,<name> y" per series (shorter columns left blank).
/// Full double precision; names are quoted when needed.
QString toCsv(const PlotData& data);

/// Quotes a CSV field when it holds a comma, quote or line break.
QString csvField(const QString& text);

}  // namespace basislab::gui
