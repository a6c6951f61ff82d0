using InfoRadio.Controller.Speech;

namespace InfoRadio.Controller.Tests.Speech;

public sealed class VietnameseNumberReader_Tests
{
    [Theory]
    [InlineData(0, "không")]
    [InlineData(1, "một")]
    [InlineData(4, "bốn")]
    [InlineData(5, "năm")]
    [InlineData(10, "mười")]
    [InlineData(11, "mười một")]
    [InlineData(14, "mười bốn")]
    [InlineData(15, "mười lăm")]
    [InlineData(20, "hai mươi")]
    [InlineData(21, "hai mươi mốt")]
    [InlineData(24, "hai mươi tư")]
    [InlineData(25, "hai mươi lăm")]
    [InlineData(30, "ba mươi")]
    [InlineData(55, "năm mươi lăm")]
    [InlineData(99, "chín mươi chín")]
    [InlineData(100, "một trăm")]
    [InlineData(101, "một trăm linh một")]
    [InlineData(105, "một trăm linh năm")]
    [InlineData(110, "một trăm mười")]
    [InlineData(115, "một trăm mười lăm")]
    [InlineData(121, "một trăm hai mươi mốt")]
    [InlineData(1000, "một nghìn")]
    [InlineData(1005, "một nghìn không trăm linh năm")]
    [InlineData(1050, "một nghìn không trăm năm mươi")]
    [InlineData(1500, "một nghìn năm trăm")]
    [InlineData(2025, "hai nghìn không trăm hai mươi lăm")]
    [InlineData(10_000, "mười nghìn")]
    [InlineData(15_000, "mười lăm nghìn")]
    [InlineData(21_000, "hai mươi mốt nghìn")]
    [InlineData(100_000, "một trăm nghìn")]
    [InlineData(1_000_000, "một triệu")]
    [InlineData(1_000_005, "một triệu không trăm linh năm")]
    [InlineData(2_500_000, "hai triệu năm trăm nghìn")]
    [InlineData(1_000_000_000, "một tỷ")]
    [InlineData(1_000_000_000_000, "một nghìn tỷ")]
    [InlineData(-7, "âm bảy")]
    public void Reads_numbers_the_Vietnamese_way(long value, string expected)
        => Assert.Equal(expected, VietnameseNumberReader.Read(value));

    [Fact]
    public void Empty_groups_inside_a_large_number_are_skipped_and_the_next_group_reads_its_hundreds()
    {
        Assert.Equal("ba tỷ hai trăm nghìn", VietnameseNumberReader.Read(3_000_200_000));
        Assert.Equal("một tỷ không trăm linh một", VietnameseNumberReader.Read(1_000_000_001));
        Assert.Equal("năm triệu không trăm mười nghìn", VietnameseNumberReader.Read(5_010_000));
    }

    [Theory]
    [InlineData(105, "một trăm lẻ năm")]
    [InlineData(1000, "một ngàn")]
    [InlineData(2005, "hai ngàn không trăm lẻ năm")]
    public void Southern_reading_says_le_and_ngan(long value, string expected) =>
        Assert.Equal(expected, VietnameseNumberReader.Read(value, southern: true));

    [Theory]
    [InlineData("0912345678", "không chín một hai ba bốn năm sáu bảy tám")]
    [InlineData("007", "không không bảy")]
    [InlineData("42", "bốn mươi hai")]
    [InlineData("1234567890123456789", "một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu bảy tám chín")]
    public void Digit_strings_with_a_leading_zero_or_too_long_are_read_digit_by_digit(string digits, string expected) =>
        Assert.Equal(expected, VietnameseNumberReader.ReadDigitString(digits));

    [Theory]
    [InlineData("5", "năm")]
    [InlineData("05", "không năm")]
    [InlineData("14", "mười bốn")]
    [InlineData("12345", "một hai ba bốn năm")]
    public void Fractions_keep_their_leading_zeros(string digits, string expected) =>
        Assert.Equal(expected, VietnameseNumberReader.ReadFraction(digits));

    [Fact]
    public void The_extremes_do_not_throw()
    {
        Assert.StartsWith("âm", VietnameseNumberReader.Read(long.MinValue));
        Assert.Contains("tỷ", VietnameseNumberReader.Read(long.MaxValue));
    }
}
