package dev.preaug.cli;

import dev.preaug.core.BadInputException;
import dev.preaug.core.config.ConfigFile;
import dev.preaug.core.config.ConfigKey;
import dev.preaug.core.config.PreaugConfig;
import dev.preaug.core.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The config layers a command resolves: {@code --config FILE}, then the command's own flags,
 * then {@code --set key=value} (so an explicit --set wins over a flag for the same key).
 */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Config file (see conf/preaug.conf); flags and --set override it.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Set any config key, e.g. --set recipe.geometry.rotate=rotate(angle=uniform(-30,30))")
  List<String> sets = new ArrayList<>();

  @Option(names = "--print-config",
      description = "Print the resolved config (key = value, with where each came from) and exit.")
  boolean printConfig;

  /** Resolves defaults < file < flags < --set. */
  PreaugConfig resolve(Map<ConfigKey, String> flags) {
    List<Map<String, Setting>> layers = new ArrayList<>();
    if (configFile != null) {
      try (InputStream in = Files.newInputStream(configFile)) {
        layers.add(ConfigFile.read(in, configFile.toString()));
      } catch (NoSuchFileException e) {
        throw new BadInputException(BadInputException.Kind.CONFIG, configFile.toString(), "",
            "config file not found");
      } catch (IOException e) {
        throw new BadInputException(BadInputException.Kind.CONFIG, configFile.toString(), "",
            "cannot read: " + e.getMessage());
      }
    }
    Map<String, Setting> cli = new LinkedHashMap<>();
    for (Map.Entry<ConfigKey, String> e : flags.entrySet()) {
      if (e.getValue() != null) {
        cli.put(e.getKey().key(), new Setting(e.getValue(), e.getKey().flag()));
      }
    }
    layers.add(cli);
    Map<String, Setting> set = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new BadInputException(BadInputException.Kind.CONFIG, "--set " + s, "",
            "expected KEY=VALUE");
      }
      set.put(s.substring(0, eq).strip(), new Setting(s.substring(eq + 1).strip(),
          "--set " + s.substring(0, eq).strip()));
    }
    layers.add(set);
    return PreaugConfig.resolve(layers);
  }

  static String describe(PreaugConfig c) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : c.canonical().entrySet()) {
      sb.append(e.getKey()).append(" = ").append(e.getValue());
      String origin = c.origin(e.getKey());
      sb.append("    # ").append(origin).append('\n');
    }
    sb.append("# config hash ").append(c.configHash()).append('\n');
    return sb.toString();
  }
}
