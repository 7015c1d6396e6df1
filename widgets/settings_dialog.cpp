#include "settings_dialog.h"

#include "app_settings.h"
#include "language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace basislab::gui {

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Preferences"));
    language_ = new QComboBox;
    language_->setObjectName(QStringLiteral("languageCombo"));
    language_->addItem(tr("System default (%1)").arg(Language::nativeName(Language::systemLanguage())), QString());
    for (const QString& code : Language::available()) language_->addItem(Language::nativeName(code), code);
    language_->setCurrentIndex(std::max(0, language_->findData(AppSettings::language())));
    language_->setToolTip(tr("Language of the user interface; it changes at once"));

    threads_ = new QSpinBox;
    threads_->setObjectName(QStringLiteral("threadsSpin"));
    threads_->setRange(0, std::max(1, QThread::idealThreadCount()) * 2);
    threads_->setSpecialValueText(tr("all (%1)").arg(QThread::idealThreadCount()));
    threads_->setValue(AppSettings::threads());
    threads_->setToolTip(tr("CPU threads LibTorch computes with; applies when a model is next opened"));

    embed_ = new QCheckBox(tr("Embed the calibration in saved sessions"));
    embed_->setObjectName(QStringLiteral("embedCalibrationCheck"));
    embed_->setChecked(AppSettings::embedCalibration());
    embed_->setToolTip(
        tr("On: a session is one self-contained file (large for big models); off: it links the "
           "calibration file"));
    clear_recent_ = new QCheckBox(tr("Clear the recent models and sessions"));
    clear_recent_->setToolTip(tr("Empties the File ▸ Recent menus"));
    offer_demo_ = new QCheckBox(tr("Offer the demo model again at the next start"));
    offer_demo_->setToolTip(tr("Shows the demo banner again when the workbench starts without a model"));

    auto* form = new QFormLayout;
    form->addRow(tr("Language:"), language_);
    form->addRow(tr("CPU threads:"), threads_);
    form->addRow(tr("Sessions:"), embed_);
    form->addRow(QString(), clear_recent_);
    form->addRow(QString(), offer_demo_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SettingsDialog::language() const {
    return language_->currentData().toString();
}

int SettingsDialog::threads() const {
    return threads_->value();
}

bool SettingsDialog::clearRecent() const {
    return clear_recent_->isChecked();
}

bool SettingsDialog::embedCalibration() const {
    return embed_->isChecked();
}

bool SettingsDialog::offerDemoAgain() const {
    return offer_demo_->isChecked();
}

}  // namespace basislab::gui
