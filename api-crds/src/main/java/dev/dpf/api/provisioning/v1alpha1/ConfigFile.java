package dev.dpf.api.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A file written on the DPU through cloud-init write_files. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigFile {

  @JsonPropertyDescription("Path is the absolute path of the file on the DPU.")
  private String path;

  @JsonPropertyDescription("Operation is override (replace the file) or append.")
  private ConfigFileOperation operation;

  @JsonPropertyDescription("Raw is the file content.")
  private String raw;

  @JsonPropertyDescription("Permissions of the file, e.g. \"0644\".")
  private String permissions;

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public ConfigFileOperation getOperation() {
    return operation;
  }

  public void setOperation(ConfigFileOperation operation) {
    this.operation = operation;
  }

  public String getRaw() {
    return raw;
  }

  public void setRaw(String raw) {
    this.raw = raw;
  }

  public String getPermissions() {
    return permissions;
  }

  public void setPermissions(String permissions) {
    this.permissions = permissions;
  }
}
