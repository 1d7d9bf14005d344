using GlmMcp.Inference.Glm;

namespace GlmMcp.Inference.Tests.Glm;

public sealed class GroundingBoxParserTests
{
    [Theory]
    [InlineData("<|begin_of_box|>[[100,200,300,400]]<|end_of_box|>")]
    [InlineData("[100, 200, 300, 400]")]
    [InlineData("The logo is at (100,200,300,400).")]
    public void Every_bracket_style_maps_to_the_same_pixel_rectangle(string output)
    {
        var box = Assert.Single(GroundingBoxParser.Parse(output, 1000, 500));

        Assert.Equal((100, 100, 300, 200), (box.X1, box.Y1, box.X2, box.Y2));
        Assert.False(box.IsPoint);
    }

    [Fact]
    public void A_real_looking_answer_maps_thousandths_to_pixels_of_the_original_image()
    {
        var box = Assert.Single(GroundingBoxParser.Parse(
            "The submit button is located at <|begin_of_box|>[[412, 633, 587, 701]]<|end_of_box|>.", 1280, 720));

        Assert.Equal((527, 456, 751, 505), (box.X1, box.Y1, box.X2, box.Y2));
        Assert.Equal((224, 49), (box.Width, box.Height));
        Assert.Equal([412.0, 633, 587, 701], box.Normalized);
    }

    [Fact]
    public void Several_boxes_in_one_list_are_all_returned_in_order()
    {
        var boxes = GroundingBoxParser.Parse("Buttons: [[10,20,30,40],[500,600,700,800]]", 1000, 1000);

        Assert.Equal(2, boxes.Count);
        Assert.Equal((10, 20, 30, 40), (boxes[0].X1, boxes[0].Y1, boxes[0].X2, boxes[0].Y2));
        Assert.Equal((500, 600, 700, 800), (boxes[1].X1, boxes[1].Y1, boxes[1].X2, boxes[1].Y2));
    }

    [Fact]
    public void A_point_becomes_a_zero_size_box_flagged_as_a_point()
    {
        var point = Assert.Single(GroundingBoxParser.Parse("Click here: [500,500]", 800, 600));

        Assert.True(point.IsPoint);
        Assert.Equal((400, 300, 400, 300), (point.X1, point.Y1, point.X2, point.Y2));
    }

    [Fact]
    public void Reversed_corners_are_ordered_and_the_full_range_reaches_the_image_edges()
    {
        var boxes = GroundingBoxParser.Parse("[0,0,1000,1000] [300,400,100,200]", 1000, 500);

        Assert.Equal((0, 0, 1000, 500), (boxes[0].X1, boxes[0].Y1, boxes[0].X2, boxes[0].Y2));
        Assert.Equal((100, 100, 300, 200), (boxes[1].X1, boxes[1].Y1, boxes[1].X2, boxes[1].Y2));
    }

    [Theory]
    [InlineData("[[0,0,1e9,1e9]]", "0 to 1000")]
    [InlineData("[[0,0,1000000000,1000000000]]", "0 to 1000")]
    [InlineData("[0,0,1000,1200]", "0 to 1000")]
    [InlineData("[[-20,10,300,400]]", "0 to 1000")]
    [InlineData("[2000,10]", "0 to 1000")]
    [InlineData("[[0,0,0,0]]", "no width or no height")]
    [InlineData("[[100,200,100,400]]", "no width or no height")]
    public void A_tuple_outside_the_range_or_without_area_is_rejected_with_a_note_not_found(string output, string reason)
    {
        var parse = GroundingBoxParser.Read($"The button is at <|begin_of_box|>{output}<|end_of_box|>.", 1280, 720);

        Assert.Empty(parse.Boxes);
        var note = Assert.Single(parse.Rejected);
        Assert.Contains(reason, note);
        Assert.Contains("ignored", note);
        Assert.Empty(GroundingBoxParser.Parse(output, 1280, 720));
    }

    [Fact]
    public void A_valid_box_beside_a_rejected_one_is_still_found()
    {
        var parse = GroundingBoxParser.Read("[[0,0,0,0],[100,200,300,400]]", 1000, 1000);

        var box = Assert.Single(parse.Boxes);
        Assert.Equal((100, 200, 300, 400), (box.X1, box.Y1, box.X2, box.Y2));
        Assert.Single(parse.Rejected);
    }

    [Fact]
    public void Text_without_coordinates_has_no_boxes() =>
        Assert.Empty(GroundingBoxParser.Parse("I cannot find it (sorry) [none].", 100, 100));

    [Theory]
    [InlineData("按钮在 [[１２,３４,５６,７８]]。")]
    [InlineData("Le bouton est à [٣,٤].")]
    public void Digits_of_other_scripts_are_not_coordinates(string output) =>
        Assert.Empty(GroundingBoxParser.Parse(output, 100, 100));

    [Fact]
    public void A_coordinate_too_long_to_be_a_finite_number_drops_its_box_but_not_the_others()
    {
        var box = Assert.Single(GroundingBoxParser.Parse($"[{new string('9', 400)},1] [100,200,300,400]", 1000, 1000));

        Assert.Equal((100, 200, 300, 400), (box.X1, box.Y1, box.X2, box.Y2));
    }
}
