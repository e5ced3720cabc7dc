package dev.dpf.dpuservice.dpudeployment;

import dev.dpf.api.provisioning.v1alpha1.BFB;
import dev.dpf.api.svc.v1alpha1.DPUServiceTemplate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Version matching (reference dpuservice.md 12.4): every supported key a template's {@code status.versions} constrains
 * must be satisfied by the BFB's version. Supported: {@code dpu.nvidia.com/doca-version} ↔ BFB
 * {@code status.versions.doca}. A BFB version is only parsed when a template constrains it. Pure.
 */
public final class VersionMatching {

  private VersionMatching() {}

  /** The aggregated errors, empty when every constraint is satisfied. */
  public static List<String> check(BFB bfb, Collection<DPUServiceTemplate> templates) {
    List<String> errors = new ArrayList<>();
    for (DPUServiceTemplate t : templates) {
      Map<String, String> versions = t.getStatus() == null ? null : t.getStatus().getVersions();
      if (versions == null) {
        continue;
      }
      for (String key : DPUServiceTemplate.SUPPORTED_VERSION_KEYS) {
        String constraintText = versions.get(key);
        if (constraintText == null) {
          continue;
        }
        String bfbVersion = bfbVersion(bfb, key);
        Semver version;
        try {
          version = Semver.parse(bfbVersion);
        } catch (IllegalArgumentException e) {
          errors.add("version '" + (bfbVersion == null ? "" : bfbVersion) + "' found in bfb is not parsable: "
              + e.getMessage());
          continue;
        }
        Semver.Constraint constraint;
        try {
          constraint = Semver.constraint(constraintText);
        } catch (IllegalArgumentException e) {
          errors.add("version constraint '" + constraintText + "' found in DPUServiceTemplate '"
              + t.getMetadata().getName() + "' is not parsable: " + e.getMessage());
          continue;
        }
        if (!constraint.isSatisfiedBy(version)) {
          errors.add("version constraint for '" + key + "' found in DPUServiceTemplate '" + t.getMetadata().getName()
              + "' is not satisfied by the version '" + bfbVersion + "' found in the given BFB");
        }
      }
    }
    return errors;
  }

  private static String bfbVersion(BFB bfb, String key) {
    if (DPUServiceTemplate.VERSION_DOCA.equals(key) && bfb.getStatus() != null
        && bfb.getStatus().getVersions() != null) {
      return bfb.getStatus().getVersions().getDoca();
    }
    return null;
  }
}
