// Preferences: interface language, LibTorch CPU threads, and resets (recent files, demo offer).
// Language changes apply at once; thread changes apply when a model is next opened.
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSpinBox;

namespace basislab::gui {

class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    /// "" = follow the system.
    QString language() const;
    int threads() const;
    bool clearRecent() const;
    bool offerDemoAgain() const;
    bool embedCalibration() const;

private:
    QComboBox* language_;
    QSpinBox* threads_;
    QCheckBox* clear_recent_;
    QCheckBox* offer_demo_;
    QCheckBox* embed_;
};

}  // namespace basislab::gui
