#include "plot_data.h"

#include <QTextStream>

namespace basislab::gui {

bool PlotData::isEmpty() const {
    for (const PlotSeries& s : series)
        if (!s.x.isEmpty()) return false;
    return true;
}

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

namespace {

QString number(double v) {
    return QString::number(v, 'g', 17);
}

bool sharedX(const PlotData& data) {
    for (const PlotSeries& s : data.series)
        if (s.x != data.series.first().x) return false;
    return !data.series.isEmpty();
}

}  // namespace

QString toCsv(const PlotData& data) {
    QString out;
    QTextStream csv(&out);
    if (sharedX(data)) {
        csv << csvField(data.x_label.isEmpty() ? QStringLiteral("x") : data.x_label);
        for (const PlotSeries& s : data.series) csv << ',' << csvField(s.name);
        csv << '\n';
        const QVector<double>& x = data.series.first().x;
        for (int i = 0; i < x.size(); ++i) {
            csv << number(x[i]);
            for (const PlotSeries& s : data.series) csv << ',' << (i < s.y.size() ? number(s.y[i]) : QString());
            csv << '\n';
        }
        return out;
    }
    int rows = 0;
    for (int k = 0; k < data.series.size(); ++k) {
        const PlotSeries& s = data.series[k];
        csv << (k ? "," : "") << csvField(s.name + QStringLiteral(" x")) << ','
            << csvField(s.name + QStringLiteral(" y"));
        rows = std::max(rows, int(s.x.size()));
    }
    csv << '\n';
    for (int i = 0; i < rows; ++i) {
        for (int k = 0; k < data.series.size(); ++k) {
            const PlotSeries& s = data.series[k];
            if (k) csv << ',';
            if (i < s.x.size())
                csv << number(s.x[i]) << ',' << number(s.y[i]);
            else
                csv << ',';
        }
        csv << '\n';
    }
    return out;
}

}  // namespace basislab::gui
