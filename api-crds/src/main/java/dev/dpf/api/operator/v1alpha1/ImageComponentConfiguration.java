package dev.dpf.api.operator.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** A system component whose container image can be overridden. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageComponentConfiguration extends ComponentConfiguration {

  /**
   * Upstream's image reference pattern (the containers/image docker reference regexp):
   * {@code [registry[:port]/]path[:tag][@digest]}.
   */
  public static final String IMAGE_PATTERN = "^((?:(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
      + "(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?/)?"
      + "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)"
      + "(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][[:xdigit:]]{32,}))?$";

  @Pattern(IMAGE_PATTERN)
  @JsonPropertyDescription("Image overrides the container image of the component ([registry[:port]/]path[:tag]"
      + "[@digest]). The tag is required by the operator.")
  private String image;

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }
}
