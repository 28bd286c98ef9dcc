// site.toml's [[forward]] and [centre]: store and forward to upper centres
// (docs/site-config.md).
#include "site_config_parts.h"

namespace gt::site_sections {

void readForwarding(const toml::table& root, const std::string& file, SiteConfig& site) {
  forEachTomlTable(root, "forward", file, [&](const toml::table& t) {
    TomlTableReader r(t, file, "forward");
    ForwardTarget f;
    f.id = r.requiredString("id");
    r.setWhat("forward '" + f.id + "'");
    for (const ForwardTarget& other : site.forward)
      if (other.id == f.id) r.failKeyVerbatim("id", "forward '" + f.id + "' is defined twice");
    f.endpoint = r.requiredString("endpoint");
    if (f.endpoint.find("://") == std::string::npos) {
      r.failKey("endpoint",
                "'endpoint' must be a ZeroMQ endpoint such as "
                "\"tcp://centre:5560\"");
    }
    for (const ForwardTarget& other : site.forward)
      if (other.endpoint == f.endpoint)
        r.failKeyVerbatim("endpoint", "forward '" + f.id + "' has the same endpoint as forward '" +
                                          other.id + "'");
    f.batch_rows = static_cast<int>(r.optionalInteger("batch_rows", f.batch_rows, 1, 100000));
    f.resend_ms = static_cast<int>(r.optionalInteger("resend_ms", f.resend_ms, 100, 3600000));
    f.alarm_after_s =
        static_cast<int>(r.optionalInteger("alarm_after_s", f.alarm_after_s, 1, 30 * 86400));
    r.rejectUnknownKeys();
    site.forward.push_back(std::move(f));
  });
  if (const toml::node* n = root.get("centre")) {
    const toml::table* t = n->as_table();
    if (!t) throw ConfigError(tomlLocation(file, n->source()) + ": 'centre' must be a table");
    TomlTableReader r(*t, file, "[centre]");
    site.centre.bind = r.requiredString("bind");
    if (site.centre.bind.find("://") == std::string::npos) {
      r.failKey("bind", "'bind' must be a ZeroMQ endpoint such as \"tcp://*:5560\"");
    }
    r.rejectUnknownKeys();
  }
}

}  // namespace gt::site_sections
