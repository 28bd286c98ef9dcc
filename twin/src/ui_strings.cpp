// The zh/en string table. Order follows the UiText enum; the static_assert keeps them aligned.
#include "ui_strings.h"

#include <array>
#include <cassert>

namespace gt::twin {
namespace {

struct Row {
  const char* zh;
  const char* en;
};

constexpr std::array<Row, static_cast<size_t>(UiText::Count)> kTable{{
    {"当地时间", "Local time"},
    {"数据连接", "Data link"},
    {"正在连接…", "Connecting…"},
    {"已连接", "Live"},
    {"连接中断，正在重连", "Connection lost, reconnecting"},
    {"当前报警", "Active alarms"},
    {"通讯故障", "Communication fault"},
    {"仪表故障", "Meter fault"},
    {"离线", "offline"},
    {"模型中缺失", "not in model"},
    {"以下设备在模型中未找到：", "Equipment not found in the model:"},
    {"模型加载失败", "Model failed to load"},
    {"未加载模型", "No model loaded"},
    {"模型节点", "Model nodes"},
    {"三角形", "Triangles"},
    {"网格", "Meshes"},
    {"筛选", "Filter"},
    {"最后更新", "Last update"},
    {"无", "never"},
    {"被拒绝的消息", "Rejected messages"},
    {"语言", "Language"},
    {"正在载入模型…", "Loading model…"},
    {"X 光（透视屋顶）", "X-ray (see-through roof)"},
    {"地面网格", "Ground grid"},
    {"能流", "Energy flows"},
    {"电力", "Electricity"},
    {"天然气", "Natural gas"},
    {"蒸汽", "Steam"},
    {"水", "Water"},
    {"压缩空气", "Compressed air"},
    {"热力", "Heat"},
    {"无实时数据", "No live value"},
    {"环绕", "Orbit"},
    {"飞行", "Fly"},
    {"步行", "Walk"},
    {"视点", "Viewpoints"},
    {"能耗与碳排放（对比预算）", "Energy and carbon vs budget"},
    {"今日", "Today"},
    {"本月", "Month"},
    {"本年", "Year"},
    {"综合能耗", "Energy"},
    {"碳排放", "Carbon"},
    {"碳配额", "Carbon quota"},
    {"已用", "used"},
    {"年末预测", "year-end forecast"},
    {"未设预算", "no budget"},
    {"待满 7 天数据", "needs 7 days of data"},
    {"预算超限", "Over budget"},
    {"能耗强度", "Intensity"},
    {"超过限定值", "Above the limit value"},
    {"上级中心", "Upper centre"},
    {"转发积压", "Forwarding backlog"},
    {"表计时钟偏差", "Meter clock off"},
    {"线路中断", "Line down"},
    {"能量平衡", "Energy balance"},
    {"本月累计", "Month to date"},
    {"购入", "Purchased"},
    {"自产", "Generated on site"},
    {"输出", "Export"},
    {"损耗及未计量", "Loss and unmetered"},
    {"输入", "Input"},
    {"消费", "Consumption"},
    {"分项计量之和大于输入，请核对计量点绑定或仪表",
     "sub-meters add up to more than came in: check the bindings and meters"},
    {"等待能量平衡数据…", "Waiting for the energy balance…"},
    {"能量平衡图 (B)", "Energy balance chart (B)"},
    {"以下模型未能加载，其余部分照常运行：", "Not loaded; the rest of the site runs without:"},
}};

}  // namespace

const char* uiText(UiText text, Language language) {
  const auto index = static_cast<size_t>(text);
  assert(index < kTable.size());
  return language == Language::Zh ? kTable[index].zh : kTable[index].en;
}

std::vector<std::string_view> allUiTexts() {
  std::vector<std::string_view> out;
  out.reserve(kTable.size() * 2 + 2);
  for (const Row& row : kTable) {
    out.emplace_back(row.zh);
    out.emplace_back(row.en);
  }
  out.emplace_back(languageName(Language::Zh));
  out.emplace_back(languageName(Language::En));
  return out;
}

const char* languageName(Language language) {
  return language == Language::Zh ? "中文" : "English";
}

std::optional<Language> parseLanguage(std::string_view code) {
  if (code == "zh") return Language::Zh;
  if (code == "en") return Language::En;
  return std::nullopt;
}

}  // namespace gt::twin
