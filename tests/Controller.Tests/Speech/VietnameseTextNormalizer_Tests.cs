using InfoRadio.Controller.Speech;

namespace InfoRadio.Controller.Tests.Speech;

public sealed class VietnameseTextNormalizer_Tests
{
    [Theory]
    // The issue's own example.
    [InlineData("15h30 ngày 2/9", "mười lăm giờ ba mươi phút ngày hai tháng chín")]
    // Times.
    [InlineData("lúc 15h", "lúc mười lăm giờ")]
    [InlineData("lúc 15:30", "lúc mười lăm giờ ba mươi phút")]
    [InlineData("lúc 7 giờ 15", "lúc bảy giờ mười lăm phút")]
    [InlineData("lúc 7 giờ 15 phút", "lúc bảy giờ mười lăm phút")]
    [InlineData("lúc 7h05", "lúc bảy giờ năm phút")]
    [InlineData("lúc 6h00 sáng", "lúc sáu giờ sáng")]
    [InlineData("từ 15h-17h", "từ mười lăm giờ đến mười bảy giờ")]
    [InlineData("lúc 21g30", "lúc hai mươi mốt giờ ba mươi phút")]
    // Dates.
    [InlineData("2/9/2025", "ngày hai tháng chín năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("ngày 2/9/2025", "ngày hai tháng chín năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("đêm 14/10", "đêm ngày mười bốn tháng mười")]
    [InlineData("sáng 30/4", "sáng ngày ba mươi tháng tư")]
    [InlineData("ngày 2-3/9", "ngày hai đến ngày ba tháng chín")]
    [InlineData("tháng 9/2025", "tháng chín năm hai nghìn không trăm hai mươi lăm")]
    [InlineData("tháng 4", "tháng tư")]
    [InlineData("thứ 4", "thứ tư")]
    [InlineData("thứ 1", "thứ nhất")]
    [InlineData("ngày 31/13", "ngày ba mươi mốt trên mười ba")]
    // Numbers, separators, decimals.
    [InlineData("1.500 người", "một nghìn năm trăm người")]
    [InlineData("12.345.678 đồng", "mười hai triệu ba trăm bốn mươi lăm nghìn sáu trăm bảy mươi tám đồng")]
    [InlineData("2,5 mét", "hai phẩy năm mét")]
    [InlineData("1.234,5", "một nghìn hai trăm ba mươi tư phẩy năm")]
    [InlineData("2.5", "hai phẩy năm")]
    [InlineData("1,500,000", "một triệu năm trăm nghìn")]
    [InlineData("năm 105", "năm một trăm linh năm")]
    [InlineData("gọi 0912345678", "gọi không chín một hai ba bốn năm sáu bảy tám")]
    // Ranges, negatives, percentages.
    [InlineData("20-25", "hai mươi đến hai mươi lăm")]
    [InlineData("cấp 10 - 11", "cấp mười đến mười một")]
    [InlineData("nhiệt độ -3°C", "nhiệt độ âm ba độ C")]
    [InlineData("từ -5 đến -2 độ C", "từ âm năm đến âm hai độ C")]
    [InlineData("50%", "năm mươi phần trăm")]
    [InlineData("độ ẩm 85-90%", "độ ẩm tám mươi lăm đến chín mươi phần trăm")]
    [InlineData("2,5%", "hai phẩy năm phần trăm")]
    // Units.
    [InlineData("mưa 100-150mm", "mưa một trăm đến một trăm năm mươi mi-li-mét")]
    [InlineData("gió 60 km/h", "gió sáu mươi ki-lô-mét một giờ")]
    [InlineData("sức gió 17 m/s", "sức gió mười bảy mét trên giây")]
    [InlineData("lưu lượng 1.200 m³/s", "lưu lượng một nghìn hai trăm mét khối trên giây")]
    [InlineData("lưu lượng 300 m3/s", "lưu lượng ba trăm mét khối trên giây")]
    [InlineData("cách 250km", "cách hai trăm năm mươi ki-lô-mét")]
    [InlineData("sóng cao 3 m", "sóng cao ba mét")]
    [InlineData("nước dâng 50 cm", "nước dâng năm mươi xăng-ti-mét")]
    [InlineData("30 kg gạo", "ba mươi ki-lô-gam gạo")]
    [InlineData("20 ha lúa", "hai mươi héc-ta lúa")]
    [InlineData("nhiệt độ 35°C", "nhiệt độ ba mươi lăm độ C")]
    [InlineData("nhiệt độ 35ºC", "nhiệt độ ba mươi lăm độ C")]
    [InlineData("hai mét", "hai mét")]
    // Abbreviations.
    [InlineData("UBND xã", "ủy ban nhân dân xã")]
    [InlineData("HĐND huyện", "hội đồng nhân dân huyện")]
    [InlineData("BCH PCTT và TKCN", "ban chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn")]
    [InlineData("TP. Huế", "thành phố Huế")]
    [InlineData("TP.HCM", "thành phố Hồ Chí Minh")]
    [InlineData("TX. Sơn Tây", "thị xã Sơn Tây")]
    [InlineData("Q.1", "quận một")]
    [InlineData("P. Bến Nghé", "phường Bến Nghé")]
    [InlineData("TT. Phố Mới", "thị trấn Phố Mới")]
    [InlineData("QL1A", "quốc lộ một A")]
    [InlineData("QL 5", "quốc lộ năm")]
    [InlineData("trường THCS và THPT", "trường trung học cơ sở và trung học phổ thông")]
    [InlineData("gạo, muối, v.v.", "gạo, muối, vân vân.")]
    [InlineData("bão số 3", "bão số ba")]
    [InlineData("gió mạnh cấp 12, giật cấp 14", "gió mạnh cấp mười hai, giật cấp mười bốn")]
    // Words that look like abbreviations are left alone.
    [InlineData("TPHCM", "TPHCM")]
    [InlineData("Ông Q.", "Ông Q.")]
    public void Reads_bulletin_text(string input, string expected) =>
        Assert.Equal(expected, VietnameseTextNormalizer.Normalize(input));

    [Fact]
    public void A_storm_bulletin_reads_in_full()
    {
        const string text = "Hồi 13h00 ngày 15/9, vị trí tâm bão số 3 ở khoảng 17,5 độ Vĩ Bắc; cách bờ biển 250km. " +
                            "Sức gió mạnh nhất cấp 12 (118-133 km/h), giật cấp 15. UBND xã đề nghị bà con chằng chống nhà cửa.";
        var spoken = VietnameseTextNormalizer.Normalize(text);
        Assert.Equal("Hồi mười ba giờ ngày mười lăm tháng chín, vị trí tâm bão số ba ở khoảng mười bảy phẩy năm độ Vĩ Bắc; " +
                     "cách bờ biển hai trăm năm mươi ki-lô-mét. Sức gió mạnh nhất cấp mười hai (một trăm mười tám đến một trăm ba mươi ba " +
                     "ki-lô-mét một giờ), giật cấp mười lăm. ủy ban nhân dân xã đề nghị bà con chằng chống nhà cửa.", spoken);
        Assert.DoesNotMatch(@"\d", spoken);
    }

    [Fact]
    public void Southern_reading_uses_le_and_ngan() =>
        Assert.Equal("một trăm lẻ năm hộ, một ngàn người", VietnameseTextNormalizer.Normalize("105 hộ, 1.000 người", southern: true));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   \n\t ", "")]
    [InlineData("Xin chào bà con", "Xin chào bà con")]
    [InlineData("a\u0000b", "a b")]
    [InlineData("*** Thông báo ***", "Thông báo")]
    [InlineData("dòng một\n\n\ndòng hai", "dòng một\ndòng hai")]
    [InlineData("- Mục một\n- Mục hai", "Mục một\nMục hai")]
    public void Cleans_what_is_not_read(string? input, string expected) =>
        Assert.Equal(expected, VietnameseTextNormalizer.Normalize(input));

    [Fact]
    public void Decomposed_unicode_is_composed_first()
    {
        Assert.Equal("ủy ban nhân dân xã", VietnameseTextNormalizer.Normalize("UBND xa\u0303"));
        Assert.Equal("mười người", VietnameseTextNormalizer.Normalize("mu\u031Bo\u031B\u0300i ngu\u031Bo\u031B\u0300i"));
        // Marks typed out of canonical order: circumflex before the dot below.
        Assert.Equal("nghệ", VietnameseTextNormalizer.Normalize("nghe\u0302\u0323"));
    }

    [Fact]
    public void Any_text_in_text_out()
    {
        var random = new Random(20251130);
        const string alphabet = "0123456789.,/:-–%°CkmhgUBNDTPQ. \n\tđườngáàảãạ()'\"&+*#";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 80)];
            for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
            var output = VietnameseTextNormalizer.Normalize(new string(chars));
            Assert.NotNull(output);
        }
        var huge = string.Concat(Enumerable.Repeat("Hồi 13h00 ngày 15/9 mưa 100-150mm, gió 60 km/h. ", 2000));
        var spoken = VietnameseTextNormalizer.Normalize(huge);
        Assert.DoesNotMatch(@"\d", spoken);
        Assert.DoesNotMatch(@"\d", VietnameseTextNormalizer.Normalize(new string('9', 5000)));
    }
}
