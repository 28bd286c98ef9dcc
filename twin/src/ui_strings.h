// The viewer's own words in Chinese and English, in one table, so a translator sees them all
// at once and the font loader can collect every glyph the UI will ever draw. Names of sites,
// areas and equipment come from site.toml, not from here. (Not "strings.h": on this include
// path that name would shadow POSIX <strings.h>, which <string.h> includes.)
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace gt::twin {

enum class Language { Zh, En };

enum class UiText {
  LocalTime,
  Connection,
  ConnectionConnecting,
  ConnectionLive,
  ConnectionLost,
  ActiveAlarms,
  AlarmCommFault,
  AlarmMeterFault,
  StateOffline,
  MissingInModel,
  MissingInModelList,
  ModelLoadFailed,
  NoModel,
  ModelNodes,
  Triangles,
  Meshes,
  Filter,
  LastUpdate,
  Never,
  RejectedMessages,
  LanguageLabel,
  LoadingModel,
  Xray,
  GroundGrid,
  EnergyFlows,
  CarrierElectricity,
  CarrierNaturalGas,
  CarrierSteam,
  CarrierWater,
  CarrierCompressedAir,
  CarrierHeat,
  FlowNoData,
  CameraOrbit,
  CameraFly,
  CameraWalk,
  Viewpoints,
  KpiTitle,
  KpiToday,
  KpiMonth,
  KpiYear,
  KpiEnergy,
  KpiCarbon,
  KpiQuota,
  KpiUsed,
  KpiForecast,
  KpiNoBudget,
  KpiForecastPending,
  AlarmBudget,
  KpiIntensity,
  AlarmIntensity,
  ForwardCentre,
  AlarmForwardBacklog,
  AlarmMeterClock,
  AlarmLineDown,
  SankeyTitle,
  SankeyMonthToDate,
  SankeyPurchased,
  SankeyGenerated,
  SankeyExport,
  SankeyLoss,
  SankeyInput,
  SankeyConsumption,
  SankeyNegativeLoss,
  SankeyWaiting,
  SankeyToggle,
  ModelsLeftOut,
  Count
};

// The text in the given language. Never null, never empty.
const char* uiText(UiText text, Language language);

// Every string of the table in both languages, plus the language names of the toggle: the
// glyphs the font atlas needs for the fixed part of the UI.
std::vector<std::string_view> allUiTexts();

// The toggle's own captions are shown in their own language ("中文", "English").
const char* languageName(Language language);

// "zh" or "en" (as on the command line); nullopt for anything else.
std::optional<Language> parseLanguage(std::string_view code);

}  // namespace gt::twin
